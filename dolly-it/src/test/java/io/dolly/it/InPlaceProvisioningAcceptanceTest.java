package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-place provisioning with real server processes: server B becomes a clone of server A that A's
 * CLONE LOCAL wrote into B's staging directory, {@code #clone/staging/} (the remote transport will
 * write it there the same way). The swap is triggered by the test-only trigger file, since CLONE
 * INSTANCE is built separately. B then serves A's tables and accounts under its own server_uuid and
 * TLS certificate, and a SIGKILL in the middle of the swap still restarts on one whole instance.
 */
@Timeout(180)
class InPlaceProvisioningAcceptanceTest {
  private static final String TRIGGER_PROPERTY = "dolly.test.provision-trigger";
  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** Server A, the donor. */
  @TempDir static Path donorDir;

  private static ServerProcess a;

  @BeforeAll
  static void serverA() throws IOException {
    a = ServerProcess.start(donorDir.resolve("a"));
    sql(
        a,
        "CREATE USER 'a_only'@'%' IDENTIFIED BY 'pa'; GRANT SELECT ON *.* TO 'a_only'@'%';"
            + " CREATE DATABASE a_db; CREATE TABLE a_db.t (id INT PRIMARY KEY, v VARCHAR(10));"
            + " INSERT INTO a_db.t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  }

  @AfterAll
  static void stopA() {
    if (a != null) {
      a.close();
    }
  }

  /**
   * One server B provisioned twice (one process start less than two tests would take): first to
   * completion, then killed with SIGKILL while DROP DATA waits, old and new instance both on disk.
   */
  @Test
  void theServerBecomesTheClonedInstanceAndAKillMidSwapEndsOnOneWholeInstance() throws Exception {
    Path trigger = dir.resolve("trigger");
    Path bData;
    try (ServerProcess b = serverB(trigger)) {
      bData = b.datadir();
      String uuid = sql(b, "SELECT @@server_uuid").stdout();
      byte[] certificate = Files.readAllBytes(bData.resolve("server-cert.pem"));
      stageCopyOf(b);
      try (Connection other = b.root();
          Statement st = other.createStatement()) {
        Files.writeString(trigger, "");
        awaitLogin(b, "a_only", "pa");
        // Every session ended with the restart.
        assertThatThrownBy(() -> st.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
      }
      assertServesA(b, "1\tone\n2\ttwo\n3\tthree\n");
      assertThat(sql(b, "SELECT @@server_uuid").stdout()).isEqualTo(uuid);
      assertThat(Files.readAllBytes(bData.resolve("server-cert.pem"))).isEqualTo(certificate);
      assertThat(bData.resolve("#clone/staging")).doesNotExist();
      assertThat(bData.resolve("#clone/old")).doesNotExist();
      assertThat(bData.resolve("#clone/swap")).doesNotExist();

      // Again, from a newer A, and SIGKILL while DROP DATA waits: the new instance recovered, the
      // old one not yet deleted.
      sql(a, "INSERT INTO a_db.t VALUES (4, 'four')");
      stageCopyOf(b);
      sql(b, "SET GLOBAL clone_delay_after_data_drop = 60");
      Files.writeString(trigger, "");
      long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
      while (!b.output().contains("clone_delay_after_data_drop, waiting")) {
        assertThat(System.nanoTime()).as(b.output()).isLessThan(deadline);
        ServerProcess.sleep(50);
      }
      assertThat(bData.resolve("#clone/old")).isDirectory();
      b.kill();
    }
    try (ServerProcess b = ServerProcess.start(bData)) {
      assertServesA(b, "1\tone\n2\ttwo\n3\tthree\n4\tfour\n");
      assertThat(bData.resolve("#clone/old")).doesNotExist();
      assertThat(sql(b, "SELECT COUNT(*) FROM performance_schema.clone_history").stdout())
          .isEqualTo("COUNT(*)\n1\n");
    }
  }

  /** B holds A's instance: A's table and accounts, none of B's, and the clone reads Completed. */
  private static void assertServesA(ServerProcess b, String rowsOfA) throws IOException {
    Cli.Result rows = Cli.mariadb(b.port(), "a_only", "pa", "SELECT id, v FROM a_db.t ORDER BY id");
    assertThat(rows.exitCode()).as(rows.stderr()).isZero();
    assertThat(rows.stdout()).isEqualTo("id\tv\n" + rowsOfA);
    Cli.Result gone = Cli.mariadb(b.port(), "b_only", "pb", "SELECT 1");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.stderr()).contains("1045");
    assertThat(sql(b, "SHOW DATABASES").stdout()).contains("a_db").doesNotContain("b_db");
    assertThat(
            sql(
                    b,
                    "SELECT STATE, SOURCE, DESTINATION, ERROR_NO"
                        + " FROM performance_schema.clone_status")
                .stdout())
        .isEqualTo(
            "STATE\tSOURCE\tDESTINATION\tERROR_NO\nCompleted\tLOCAL INSTANCE\tLOCAL INSTANCE\t0\n");
    assertThat(sql(b, "SELECT STAGE, STATE FROM performance_schema.clone_progress").stdout())
        .isEqualTo(
            "STAGE\tSTATE\n"
                + "DROP DATA\tCompleted\n"
                + "FILE COPY\tCompleted\n"
                + "PAGE COPY\tCompleted\n"
                + "REDO COPY\tCompleted\n"
                + "FILE SYNC\tCompleted\n"
                + "RESTART\tCompleted\n"
                + "RECOVERY\tCompleted\n");
  }

  private ServerProcess serverB(Path trigger) throws IOException {
    ServerProcess b =
        ServerProcess.startWithJavaOptions(
            dir.resolve("b"), "-D" + TRIGGER_PROPERTY + "=" + trigger);
    sql(
        b,
        "CREATE USER 'b_only'@'%' IDENTIFIED BY 'pb'; GRANT SELECT ON *.* TO 'b_only'@'%';"
            + " CREATE DATABASE b_db; CREATE TABLE b_db.t (id INT PRIMARY KEY);"
            + " INSERT INTO b_db.t VALUES (7)");
    return b;
  }

  /** A's CLONE LOCAL writes a complete copy of A into B's staging directory. */
  private static void stageCopyOf(ServerProcess b) throws IOException {
    Path staging = b.datadir().resolve("#clone/staging");
    Cli.Result r =
        Cli.mariadb(a.port(), "root", "", "CLONE LOCAL DATA DIRECTORY = '" + staging + "'");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  private static void awaitLogin(ServerProcess s, String user, String password) throws IOException {
    long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
    while (true) {
      Cli.Result r = Cli.mariadb(s.port(), user, password, "SELECT 1");
      if (r.exitCode() == 0) {
        return;
      }
      assertThat(System.nanoTime()).as(r.stderr() + "\n" + s.output()).isLessThan(deadline);
      ServerProcess.sleep(100);
    }
  }

  private static Cli.Result sql(ServerProcess s, String statements) throws IOException {
    Cli.Result r = Cli.mariadb(s.port(), "root", "", statements);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }
}
