package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clone variables and status tables as SQL sees them, before any clone has run. */
class CloneSurfaceAcceptanceTest {
  @TempDir Path dir;

  @Test
  void variablesStatusTablesAndDonorListChecks() throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"));
        Connection c = server.root();
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'clone%'")) {
        while (rs.next()) {
          names.add(rs.getString(1) + "=" + rs.getString(2));
        }
      }
      assertThat(names)
          .contains(
              "clone_autotune_concurrency=ON",
              "clone_buffer_size=4194304",
              "clone_ddl_timeout=300",
              "clone_max_concurrency=16",
              "clone_enable_compression=OFF",
              "clone_valid_donor_list=")
          .hasSize(14);
      assertThatThrownBy(() -> s.execute("SET GLOBAL clone_valid_donor_list = 'h1:1, h2:2'"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(3869));
      s.execute("SET GLOBAL clone_valid_donor_list = '127.0.0.1:3307'");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT ID, STATE, ROUND(DATA_DOWNLOADED/1024/1024/1024,2) AS 'Downloaded_GB',"
                  + " ROUND(DATA_DOWNLOADED/GREATEST(DATA_LOCALIZED,1)*100,2) AS 'Progress_%',"
                  + " NETWORK_BANDWIDTH, CURRENT_TASK FROM performance_schema.clone_status")) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(6);
        assertThat(rs.next()).as("no clone has run yet").isFalse();
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT STAGE, STATE, BEGIN_TIME, END_TIME, ESTIMATE, DATA, NETWORK"
                  + " FROM performance_schema.clone_progress")) {
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void aServerRefusesToStartOnAnIncompleteClone() throws Exception {
    Path data = dir.resolve("half");
    Files.createDirectories(data.resolve("#clone"));
    Files.writeString(data.resolve("#clone/in_progress"), "source=LOCAL INSTANCE\n");
    Cli.Result r = ServerProcess.refusedStart(data);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout() + r.stderr()).contains("incomplete clone");
  }
}
