package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLONE INSTANCE FROM ... DATA DIRECTORY refusals between two server processes: each answers
 * MySQL's number and message, leaves no directory, and — being refused before the clone began —
 * leaves clone_status as it was. The processlist shows the statement without its password. A KILL
 * QUERY of a running clone is 1317 on the recipient, fails the clone there, and ends the donor's
 * clone sessions; killing the donor's sessions is 3862 wrapping 1317 on the recipient.
 *
 * <p>Not covered: REQUIRE SSL against a donor without TLS — a Dolly server always offers TLS
 * (certificates are generated at first start).
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCloneErrorsAcceptanceTest {
  @TempDir static Path dir;

  private ServerProcess donor;
  private ServerProcess recipient;
  private Connection recipientRoot;
  private Statement r;
  private FillerTable filler;

  @BeforeAll
  void startBoth() throws Exception {
    List<ServerProcess> both =
        ServerProcess.startAll(dir.resolve("donor"), dir.resolve("recipient"));
    donor = both.get(0);
    recipient = both.get(1);
    try (Connection c = donor.root();
        Statement d = c.createStatement()) {
      d.execute("CREATE USER 'cloner'@'%' IDENTIFIED BY 'pw'");
      d.execute("GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'");
      d.execute("CREATE USER 'reader'@'%' IDENTIFIED BY 'pw'");
      d.execute("GRANT SELECT ON *.* TO 'reader'@'%'");
      filler = FillerTable.fill(c, 8);
    }
    recipientRoot = recipient.root();
    r = recipientRoot.createStatement();
    allowDonors(donor.port());
  }

  @AfterAll
  void stopBoth() throws Exception {
    if (recipientRoot != null) {
      recipientRoot.close();
    }
    if (recipient != null) {
      recipient.close();
    }
    if (donor != null) {
      donor.close();
    }
  }

  private String cloneInto(String user, String password, Path target) {
    return cloneInto(user, password, donor.port(), target);
  }

  private static String cloneInto(String user, String password, int port, Path target) {
    return "CLONE INSTANCE FROM '"
        + user
        + "'@'127.0.0.1':"
        + port
        + " IDENTIFIED BY '"
        + password
        + "' DATA DIRECTORY = '"
        + target
        + "'";
  }

  /**
   * Runs the clone expecting {@code errno} and {@code message}; nothing is left, status unchanged.
   */
  private void assertRefused(String sql, Path target, int errno, String message) throws Exception {
    List<String> before = cloneStatus();
    assertThatThrownBy(() -> r.execute(sql))
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(errno);
              assertThat(e.getMessage()).startsWith(message);
            });
    assertThat(target).doesNotExist();
    assertThat(cloneStatus()).isEqualTo(before);
  }

  private List<String> cloneStatus() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs =
        r.executeQuery("SELECT ID, STATE, ERROR_NO FROM performance_schema.clone_status")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
      }
    }
    return rows;
  }

  @Test
  void aWrongPasswordIsAConnectFailure() throws Exception {
    Path target = dir.resolve("wrong-password");
    assertRefused(
        cloneInto("cloner", "not-the-password", target),
        target,
        3862,
        "Clone Donor Error: Connect failed: 1045 : Access denied for user 'cloner'@");
  }

  @Test
  void aDonorAccountWithoutBackupAdminIsRefusedByTheDonor() throws Exception {
    Path target = dir.resolve("no-backup-admin");
    assertRefused(
        cloneInto("reader", "pw", target),
        target,
        3862,
        "Clone Donor Error: 1227 : Access denied; you need (at least one of) the BACKUP_ADMIN"
            + " privilege(s) for this operation.");
  }

  @Test
  void aDonorOutsideTheValidDonorListIsRefusedBeforeAnyConnection() throws Exception {
    Path target = dir.resolve("not-listed");
    int port = ServerProcess.freePort();
    assertRefused(
        "CLONE INSTANCE FROM 'cloner'@'127.0.0.1':"
            + port
            + " IDENTIFIED BY 'pw' DATA DIRECTORY = '"
            + target
            + "'",
        target,
        3869,
        "Clone system configuration: 127.0.0.1:"
            + port
            + " is not found in clone_valid_donor_list: 127.0.0.1:"
            + donor.port());
  }

  @Test
  void aSmallMaxAllowedPacketOnEitherSideIsRefused() throws Exception {
    Path target = dir.resolve("small-packet");
    try (Connection c = donor.root();
        Statement d = c.createStatement()) {
      d.execute("SET GLOBAL max_allowed_packet = 1048576");
      try {
        assertRefused(
            cloneInto("cloner", "pw", target),
            target,
            3957,
            "Clone needs max_allowed_packet value to be 2097152 or more. Current value is"
                + " 1048576");
      } finally {
        d.execute("SET GLOBAL max_allowed_packet = DEFAULT");
      }
    }
    r.execute("SET GLOBAL max_allowed_packet = 1048576");
    try {
      assertRefused(
          cloneInto("cloner", "pw", target),
          target,
          3957,
          "Clone needs max_allowed_packet value to be 2097152 or more. Current value is 1048576");
    } finally {
      r.execute("SET GLOBAL max_allowed_packet = DEFAULT");
    }
  }

  @Test
  void killQueryStopsTheCloneOnBothSides() throws Exception {
    Path target = dir.resolve("killed");
    r.execute("SET GLOBAL clone_max_data_bandwidth = 1");
    try (Connection cloning = recipient.root();
        Statement c = cloning.createStatement()) {
      long pid;
      try (ResultSet rs = c.executeQuery("SELECT CONNECTION_ID()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      CompletableFuture<SQLException> clone = cloneInBackground(c, target);
      awaitDonorCloneSessions(true);
      String info = null;
      try (ResultSet rs = r.executeQuery("SHOW PROCESSLIST")) {
        while (rs.next()) {
          if (rs.getLong("Id") == pid) {
            info = rs.getString("Info");
          }
        }
      }
      assertThat(info).contains("IDENTIFIED BY <secret>").doesNotContain("'pw'");
      long killed = System.nanoTime();
      r.execute("KILL QUERY " + pid);
      SQLException e = clone.get(30, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - killed) / 1_000_000;
      System.out.println("remote-clone kill-to-error-ms=" + millis);
      assertThat(e != null).as("the killed clone fails").isTrue();
      assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1317);
      assertThat(millis).isLessThan(5000);
      assertThat(target).doesNotExist();
      try (ResultSet rs =
          r.executeQuery(
              "SELECT STATE, ERROR_NO, SOURCE, PID FROM performance_schema.clone_status")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Failed");
        assertThat(rs.getInt(2)).isEqualTo(1317);
        assertThat(rs.getString(3)).isEqualTo("127.0.0.1:" + donor.port());
        assertThat(rs.getLong(4)).isEqualTo(pid);
      }
      awaitDonorCloneSessions(false);
    } finally {
      r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
    }
  }

  @Test
  void killingTheDonorsCloneSessionIsADonorError() throws Exception {
    Path target = dir.resolve("donor-killed");
    r.execute("SET GLOBAL clone_max_data_bandwidth = 1");
    try (Connection cloning = recipient.root();
        Statement c = cloning.createStatement()) {
      CompletableFuture<SQLException> clone = cloneInBackground(c, target);
      awaitDonorCloneSessions(true);
      try (Connection dc = donor.root();
          Statement d = dc.createStatement()) {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = d.executeQuery("SHOW PROCESSLIST")) {
          while (rs.next()) {
            if ("Clone".equals(rs.getString("Command"))) {
              ids.add(rs.getLong("Id"));
            }
          }
        }
        for (long id : ids) {
          d.execute("KILL CONNECTION " + id);
        }
      }
      SQLException e = clone.get(30, TimeUnit.SECONDS);
      assertThat(e != null).as("the clone fails").isTrue();
      assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(3862);
      assertThat(e.getMessage())
          .isEqualTo("Clone Donor Error: 1317 : Query execution was interrupted.");
      assertThat(target).doesNotExist();
      awaitDonorCloneSessions(false);
    } finally {
      r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
    }
  }

  @Test
  void aCloneWhoseConnectionsAreCutResumesAndCompletes() throws Exception {
    Path target = dir.resolve("resumed");
    try (FaultProxy proxy = FaultProxy.to(donor.port())) {
      allowDonors(donor.port(), proxy.port());
      r.execute("SET GLOBAL clone_max_data_bandwidth = 2");
      try (Connection cloning = recipient.root();
          Statement c = cloning.createStatement()) {
        CompletableFuture<SQLException> clone =
            cloneInBackground(c, cloneInto("cloner", "pw", proxy.port(), target));
        awaitDonorCloneSessions(true);
        Thread.sleep(1500);
        proxy.cut();
        SQLException e = clone.get(90, TimeUnit.SECONDS);
        assertThat(e == null ? "" : e.getErrorCode() + " " + e.getMessage()).isEmpty();
      } finally {
        r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
        allowDonors(donor.port());
      }
    }
    assertThat(recipient.output()).contains("resumed");
    assertThat(donor.output()).contains("resumes snapshot");
    try (ResultSet rs =
        r.executeQuery("SELECT STATE, ERROR_NO FROM performance_schema.clone_status")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + "/" + rs.getInt(2)).isEqualTo("Completed/0");
    }
    try (ServerProcess copy = ServerProcess.start(target)) {
      assertThat(filler.presentIn(copy)).as("every filler row in the resumed copy").isTrue();
    }
  }

  @Test
  void aCutWithoutAResumeWindowFailsCleanlyAndTheDonorServesTheNextClone() throws Exception {
    Path target = dir.resolve("cut-no-resume");
    int proxyPort;
    try (FaultProxy proxy = FaultProxy.to(donor.port());
        Connection dc = donor.root();
        Statement d = dc.createStatement()) {
      proxyPort = proxy.port();
      d.execute("SET GLOBAL clone_donor_timeout_after_network_failure = 0");
      allowDonors(donor.port(), proxy.port());
      r.execute("SET GLOBAL clone_max_data_bandwidth = 2");
      try (Connection cloning = recipient.root();
          Statement c = cloning.createStatement()) {
        CompletableFuture<SQLException> clone =
            cloneInBackground(c, cloneInto("cloner", "pw", proxy.port(), target));
        awaitFileCopy();
        proxy.cut();
        SQLException e = clone.get(30, TimeUnit.SECONDS);
        assertThat(e != null).as("the cut clone fails").isTrue();
        assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(3862);
        assertThat(e.getMessage())
            .isEqualTo("Clone Donor Error: 2013 : Lost connection to MySQL server during query.");
      } finally {
        r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
        allowDonors(donor.port());
        d.execute("SET GLOBAL clone_donor_timeout_after_network_failure = DEFAULT");
      }
    }
    assertThat(target).doesNotExist();
    assertThat(recipient.output())
        .as("no resume was tried")
        .doesNotContain("clone from 127.0.0.1:" + proxyPort + ": connection lost; resuming");
    try (ResultSet rs =
        r.executeQuery(
            "SELECT STATE, ERROR_NO, ERROR_MESSAGE FROM performance_schema.clone_status")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3))
          .isEqualTo(
              "Failed/3862/Clone Donor Error: 2013 : Lost connection to MySQL server during query.");
    }
    r.execute(cloneInto("cloner", "pw", dir.resolve("cut-no-resume-again")));
    assertThat(lastClone()).as("the next clone, at once").isEqualTo("Completed/0");
  }

  @Test
  void aDonorKilledMidCloneIsADonorErrorAndTheRestartedDonorClonesAtOnce() throws Exception {
    Path donorDir = dir.resolve("killed-donor");
    ServerProcess doomed = ServerProcess.start(donorDir);
    int port = doomed.port();
    try (Connection c = doomed.root();
        Statement d = c.createStatement()) {
      d.execute("CREATE USER 'cloner'@'%' IDENTIFIED BY 'pw'");
      d.execute("GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'");
      d.execute("SET GLOBAL clone_donor_timeout_after_network_failure = 1");
      FillerTable.fill(c, 4);
    }
    ServerProcess restarted = null;
    Path target = dir.resolve("from-killed-donor");
    allowDonors(port);
    r.execute("SET GLOBAL clone_max_data_bandwidth = 2");
    try (Connection cloning = recipient.root();
        Statement c = cloning.createStatement()) {
      CompletableFuture<SQLException> clone =
          cloneInBackground(c, cloneInto("cloner", "pw", port, target));
      awaitFileCopy();
      long killed = System.nanoTime();
      doomed.kill();
      // The recipient reconnects every 5 s within the donor's 1 min window; the restarted donor
      // has no snapshot to resume, so the first REINIT that reaches it ends the clone.
      restarted =
          ServerProcess.startWithArgs(
              donorDir, port, List.of("--datadir=" + donorDir, "--port=" + port));
      SQLException e = clone.get(90, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - killed) / 1_000_000;
      System.out.println(
          "remote-clone donor-kill-to-error-ms="
              + millis
              + " "
              + (e == null ? "" : e.getMessage()));
      assertThat(e != null).as("the clone from a killed donor fails").isTrue();
      assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(3862);
      assertThat(e.getMessage()).startsWith("Clone Donor Error: ");
      assertThat(millis).as("within the donor's 1 min resume window").isLessThan(60_000);
      assertThat(target).doesNotExist();
      assertThat(lastClone()).isEqualTo("Failed/3862");
      r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
      try (ResultSet rs = c.executeQuery("SELECT COUNT(*) FROM mysql.user")) {
        assertThat(rs.next()).as("the recipient serves on").isTrue();
      }
      c.execute(cloneInto("cloner", "pw", port, dir.resolve("from-restarted-donor")));
      assertThat(lastClone())
          .as("a clone of the restarted donor, at once")
          .isEqualTo("Completed/0");
    } finally {
      r.execute("SET GLOBAL clone_max_data_bandwidth = 0");
      allowDonors(donor.port());
      if (restarted != null) {
        restarted.close();
      }
      doomed.close();
    }
  }

  /** Starts the clone on {@code c}; completes with its error, or null when it succeeded. */
  private CompletableFuture<SQLException> cloneInBackground(Statement c, Path target) {
    return cloneInBackground(c, cloneInto("cloner", "pw", target));
  }

  /** Runs {@code clone} on {@code c}; completes with its error, or null when it succeeded. */
  private CompletableFuture<SQLException> cloneInBackground(Statement c, String clone) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            c.execute(clone);
            return null;
          } catch (SQLException e) {
            return e;
          }
        });
  }

  /** STATE/ERROR_NO of the recipient's last clone. */
  private String lastClone() throws SQLException {
    try (ResultSet rs =
        r.executeQuery("SELECT STATE, ERROR_NO FROM performance_schema.clone_status")) {
      assertThat(rs.next()).as("a clone in clone_status").isTrue();
      return rs.getString(1) + "/" + rs.getInt(2);
    }
  }

  /** Sets the recipient's clone_valid_donor_list to these loopback ports. */
  private void allowDonors(int... ports) throws SQLException {
    StringBuilder list = new StringBuilder();
    for (int port : ports) {
      list.append(list.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
    }
    r.execute("SET GLOBAL clone_valid_donor_list = '" + list + "'");
  }

  /** Waits until the recipient's clone is in FILE COPY with some data written. */
  private void awaitFileCopy() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (ResultSet rs =
          r.executeQuery(
              "SELECT STATE, DATA FROM performance_schema.clone_progress"
                  + " WHERE STAGE = 'FILE COPY'")) {
        if (rs.next() && "In Progress".equals(rs.getString(1)) && rs.getLong(2) > 0) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("FILE COPY begins").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Waits until the donor's processlist shows clone sessions, or shows none. */
  private void awaitDonorCloneSessions(boolean present) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection c = donor.root();
        Statement d = c.createStatement()) {
      while (true) {
        int sessions = 0;
        try (ResultSet rs = d.executeQuery("SHOW PROCESSLIST")) {
          while (rs.next()) {
            if ("Clone".equals(rs.getString("Command"))) {
              sessions++;
            }
          }
        }
        if ((sessions > 0) == present) {
          return;
        }
        assertThat(System.nanoTime())
            .as("donor clone sessions " + (present ? "appear" : "end"))
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }
}
