package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLONE INSTANCE FROM ... DATA DIRECTORY between two server processes on loopback, under the full
 * write load of the local under-load test ({@link TransferWorkload} and {@code sysbench
 * oltp_write_only}): REQUIRE SSL, four connections (autotuning off), zstd on the wire. The copy
 * must pass every {@link CloneChecks} check, a user that exists only on the donor logs in to it,
 * and every donor connection of the clone ran over TLS: the donor logs each one's cipher, and while
 * the clone runs its performance_schema.threads shows the clone sessions as SSL/TLS with that
 * cipher in status_by_thread.
 */
@Timeout(300)
class RemoteCloneAcceptanceTest {
  private static final Pattern DONOR_TLS =
      Pattern.compile(
          "clone donor connection \\d+ (?:started|attached).*TLS (TLSv1\\.[23] \\S+)\\)");
  private static final String PASSWORD = "cl0ne-Secret";

  @TempDir Path dir;

  @Test
  void aCloneOverTlsWithFourCompressedStreamsUnderLoadIsConsistent() throws Exception {
    int accounts = 300;
    long seed = Long.getLong("clone.seed", new SplittableRandom().nextLong());
    System.out.println("remote-clone seed=" + seed);
    List<ServerProcess> both =
        ServerProcess.startAll(dir.resolve("donor"), dir.resolve("recipient"));
    try (ServerProcess donor = both.get(0);
        ServerProcess recipient = both.get(1);
        Connection donorRoot = donor.root();
        Statement d = donorRoot.createStatement();
        Connection recipientRoot = recipient.root();
        Statement r = recipientRoot.createStatement()) {
      d.execute("CREATE USER 'cloner'@'%' IDENTIFIED BY '" + PASSWORD + "'");
      d.execute("GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'");
      CloneChecks.Account only = donorOnlyAccount(d);
      r.execute("SET GLOBAL clone_valid_donor_list = '127.0.0.1:" + donor.port() + "'");
      r.execute("SET GLOBAL clone_max_concurrency = 4");
      r.execute("SET GLOBAL clone_autotune_concurrency = OFF");
      r.execute("SET GLOBAL clone_enable_compression = ON");
      Path copy = dir.resolve("copy");
      Set<Long> acknowledged;
      long nanos;
      Map<Long, String> donorCloneSessions = new TreeMap<>();
      try (SysbenchLoad sysbench = SysbenchLoad.start(donor, 1, 1000);
          TransferWorkload transfers = TransferWorkload.start(donor, 4, accounts, seed)) {
        Thread.sleep(1000);
        try (Connection open = transfers.openTransaction()) {
          acknowledged = transfers.acknowledged();
          long start = System.nanoTime();
          CompletableFuture<Void> clone =
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      r.execute(
                          "CLONE INSTANCE FROM 'cloner'@'127.0.0.1':"
                              + donor.port()
                              + " IDENTIFIED BY '"
                              + PASSWORD
                              + "' DATA DIRECTORY = '"
                              + copy
                              + "' REQUIRE SSL");
                    } catch (SQLException e) {
                      throw new CompletionException(e);
                    }
                  });
          while (!clone.isDone()) {
            donorCloneSessions.putAll(cloneSessions(d));
            Thread.sleep(20);
          }
          clone.join();
          nanos = System.nanoTime() - start;
          open.rollback();
        }
        transfers.close();
        sysbench.close();
        assertThat(transfers.failures()).as("transfer writers").isEmpty();
        assertThat(sysbench.errors()).as("sysbench periods with errors").isEmpty();
      }
      long bytes;
      try (ResultSet rs =
          r.executeQuery(
              "SELECT STATE, SOURCE, DESTINATION, ERROR_NO, DATA_DOWNLOADED"
                  + " FROM performance_schema.clone_status")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Completed");
        assertThat(rs.getString(2)).isEqualTo("127.0.0.1:" + donor.port());
        assertThat(rs.getString(3)).isEqualTo(copy.toString());
        assertThat(rs.getInt(4)).isZero();
        bytes = rs.getLong(5);
      }
      List<String> stages = new ArrayList<>();
      try (ResultSet rs =
          r.executeQuery("SELECT STAGE, STATE, THREADS FROM performance_schema.clone_progress")) {
        while (rs.next()) {
          stages.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3));
        }
      }
      assertThat(stages)
          .containsExactly(
              "DROP DATA/Completed/1",
              "FILE COPY/Completed/4",
              "PAGE COPY/Completed/1",
              "REDO COPY/Completed/1",
              "FILE SYNC/Completed/1",
              "RESTART/Not Started/0",
              "RECOVERY/Not Started/0");
      List<String> ciphers = new ArrayList<>();
      Matcher m = DONOR_TLS.matcher(donor.output());
      while (m.find()) {
        ciphers.add(m.group(1));
      }
      System.out.printf(
          "remote-clone seconds=%.2f bytes=%d donor-connections=%s%n", nanos / 1e9, bytes, ciphers);
      assertThat(ciphers).as("every donor connection of the clone over TLS").hasSize(4);
      System.out.println(
          "remote-clone donor sessions seen in performance_schema: " + donorCloneSessions);
      assertThat(donorCloneSessions)
          .as("the donor's clone sessions, as its performance_schema shows them")
          .isNotEmpty()
          .allSatisfy((id, cipher) -> assertThat(ciphers).contains(cipher));
      assertThat(donor.output()).doesNotContain(PASSWORD);
      assertThat(recipient.output()).doesNotContain(PASSWORD);

      CloneChecks checks;
      try (ServerProcess clone = ServerProcess.start(copy)) {
        checks = CloneChecks.run(clone, accounts, acknowledged, only);
        try (Connection c = clone.connectorJ(only.user(), only.password(), "");
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(only.user() + "@%");
        }
      }
      System.out.println("remote-clone " + checks.summary());
      assertThat(checks.failures()).as("seed=" + seed).isEmpty();
    }
  }

  /**
   * The donor's connections in COM_CLONE, by thread id, each with its TLS version and cipher as
   * performance_schema.threads and status_by_thread show them ({@code TCP/IP} when not over TLS).
   */
  private static Map<Long, String> cloneSessions(Statement donor) throws SQLException {
    Map<Long, String> types = new TreeMap<>();
    try (ResultSet rs =
        donor.executeQuery(
            "SELECT THREAD_ID, CONNECTION_TYPE FROM performance_schema.threads"
                + " WHERE PROCESSLIST_COMMAND = 'Clone'")) {
      while (rs.next()) {
        types.put(rs.getLong(1), rs.getString(2));
      }
    }
    Map<Long, String> tls = new TreeMap<>();
    try (ResultSet rs =
        donor.executeQuery(
            "SELECT THREAD_ID, VARIABLE_NAME, VARIABLE_VALUE FROM performance_schema.status_by_thread"
                + " WHERE VARIABLE_NAME LIKE 'Ssl%' ORDER BY THREAD_ID, VARIABLE_NAME DESC")) {
      while (rs.next()) {
        tls.merge(rs.getLong(1), rs.getString(3), (version, cipher) -> version + " " + cipher);
      }
    }
    Map<Long, String> out = new TreeMap<>();
    types.forEach(
        (id, type) -> {
          if (!type.equals("SSL/TLS")) {
            out.put(id, type);
          } else if (tls.containsKey(id)) { // absent: it ended between the two queries
            out.put(id, tls.get(id));
          }
        });
    return out;
  }

  /** A user created on the donor only, with a grant; the clone must let it in. */
  private static CloneChecks.Account donorOnlyAccount(Statement s) throws Exception {
    s.execute("CREATE USER 'donor_only'@'%' IDENTIFIED BY 'only-pw'");
    s.execute("GRANT SELECT, INSERT ON *.* TO 'donor_only'@'%'");
    List<String> grants = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR 'donor_only'@'%'")) {
      while (rs.next()) {
        grants.add(rs.getString(1));
      }
    }
    return new CloneChecks.Account("donor_only", "only-pw", grants);
  }
}
