package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clone_max_data_bandwidth = 20} over a remote clone long enough to average: a donor of
 * about 680 MiB of files, so FILE COPY lasts over 30 s at 20 MiB/s. Its average must be within 10%
 * of the limit, and the clone as a whole (connect, page and redo copy, sync) never above it.
 */
@Timeout(300)
class CloneBandwidthAcceptanceTest {
  private static final int LIMIT_MIB = 20;

  @TempDir Path dir;

  @Test
  void clonesMaxDataBandwidthHoldsTheAverageOverThirtySeconds() throws Exception {
    List<ServerProcess> both =
        ServerProcess.startAll(dir.resolve("donor"), dir.resolve("recipient"));
    try (ServerProcess donor = both.get(0);
        ServerProcess recipient = both.get(1);
        Connection recipientRoot = recipient.root();
        Statement r = recipientRoot.createStatement()) {
      try (Connection c = donor.root();
          Statement d = c.createStatement()) {
        d.execute("CREATE USER 'cloner'@'%' IDENTIFIED BY 'pw'");
        d.execute("GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'");
        // 2.9 KB rows fill 16 KiB pages to about 7/8: 600 MiB of rows is ~680 MiB of file.
        FillerTable.fill(c, 600);
      }
      r.execute("SET GLOBAL clone_valid_donor_list = '127.0.0.1:" + donor.port() + "'");
      r.execute("SET GLOBAL clone_max_data_bandwidth = " + LIMIT_MIB);
      Path target = dir.resolve("copy");
      r.execute(
          "CLONE INSTANCE FROM 'cloner'@'127.0.0.1':"
              + donor.port()
              + " IDENTIFIED BY 'pw' DATA DIRECTORY = '"
              + target
              + "'");
      double fileCopySeconds;
      double fileCopyMib;
      try (ResultSet rs =
          r.executeQuery(
              "SELECT BEGIN_TIME, END_TIME, DATA FROM performance_schema.clone_progress"
                  + " WHERE STAGE = 'FILE COPY'")) {
        assertThat(rs.next()).isTrue();
        fileCopySeconds = seconds(rs.getTimestamp(1), rs.getTimestamp(2));
        fileCopyMib = rs.getLong(3) / 1048576.0;
      }
      double cloneSeconds;
      double cloneMib;
      try (ResultSet rs =
          r.executeQuery(
              "SELECT BEGIN_TIME, END_TIME, DATA_DOWNLOADED FROM performance_schema.clone_status")) {
        assertThat(rs.next()).isTrue();
        cloneSeconds = seconds(rs.getTimestamp(1), rs.getTimestamp(2));
        cloneMib = rs.getLong(3) / 1048576.0;
      }
      System.out.printf(
          "clone-bandwidth limit %d MiB/s: FILE COPY %.1f MiB in %.1f s = %.2f MiB/s;"
              + " whole clone %.1f MiB in %.1f s = %.2f MiB/s%n",
          LIMIT_MIB,
          fileCopyMib,
          fileCopySeconds,
          fileCopyMib / fileCopySeconds,
          cloneMib,
          cloneSeconds,
          cloneMib / cloneSeconds);
      assertThat(fileCopySeconds).as("long enough to average").isGreaterThanOrEqualTo(30);
      assertThat(fileCopyMib / fileCopySeconds).isBetween(LIMIT_MIB * 0.9, LIMIT_MIB * 1.1);
      assertThat(cloneMib / cloneSeconds).isLessThanOrEqualTo(LIMIT_MIB * 1.1);
    }
  }

  private static double seconds(java.sql.Timestamp begin, java.sql.Timestamp end) {
    return (end.toInstant().toEpochMilli() - begin.toInstant().toEpochMilli()) / 1000.0;
  }
}
