package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place clone between two server processes: server B runs {@code CLONE INSTANCE FROM} A
 * without DATA DIRECTORY, restarts by itself and serves A's data and accounts under its own
 * server_uuid and TLS certificate. Under the write load of the remote acceptance test ({@link
 * TransferWorkload} and {@code sysbench oltp_write_only}) the result passes every {@link
 * CloneChecks} check; a SIGKILL in the middle of the swap still restarts on one whole instance; a
 * clone killed during FILE COPY leaves B on all of its own data.
 */
@Timeout(240)
class InPlaceProvisioningAcceptanceTest {
  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);
  private static final String PASSWORD = "cl0ne-Secret";
  private static final int ACCOUNTS = 200;

  @TempDir Path dir;

  /** Server A, the donor. */
  @TempDir static Path donorDir;

  private static ServerProcess a;
  private static CloneChecks.Account donorOnly;

  @BeforeAll
  static void serverA() throws Exception {
    a = ServerProcess.start(donorDir.resolve("a"));
    try (Connection c = a.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE USER 'cloner'@'%' IDENTIFIED BY '" + PASSWORD + "'");
      s.execute("GRANT BACKUP_ADMIN ON *.* TO 'cloner'@'%'");
      s.execute("CREATE USER 'a_only'@'%' IDENTIFIED BY 'pa'");
      s.execute("GRANT SELECT, INSERT ON *.* TO 'a_only'@'%'");
      List<String> grants = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR 'a_only'@'%'")) {
        while (rs.next()) {
          grants.add(rs.getString(1));
        }
      }
      donorOnly = new CloneChecks.Account("a_only", "pa", grants);
      s.execute("CREATE DATABASE a_db");
      s.execute("CREATE TABLE a_db.t (id INT PRIMARY KEY, v VARCHAR(10))");
      s.execute("INSERT INTO a_db.t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
  }

  @AfterAll
  static void stopA() {
    if (a != null) {
      a.close();
    }
  }

  /**
   * One server B cloned twice (one process start less than two tests would take): first under load,
   * to completion; then killed with SIGKILL while DROP DATA waits, old and new instance both on
   * disk.
   */
  @Test
  void underLoadTheServerBecomesTheDonorsInstanceAndAKillMidSwapEndsOnOneWholeInstance()
      throws Exception {
    long seed = Long.getLong("clone.seed", new SplittableRandom().nextLong());
    System.out.println("in-place-clone seed=" + seed);
    Path bData;
    try (ServerProcess b = serverB()) {
      bData = b.datadir();
      String uuid = sql(b, "SELECT @@server_uuid").stdout();
      byte[] certificate = Files.readAllBytes(bData.resolve("server-cert.pem"));
      Set<Long> acknowledged;
      long nanos;
      try (Connection other = b.root();
          Statement idle = other.createStatement();
          SysbenchLoad sysbench = SysbenchLoad.start(a, 1, 1000);
          TransferWorkload transfers = TransferWorkload.start(a, 4, ACCOUNTS, seed)) {
        Thread.sleep(1000);
        try (Connection open = transfers.openTransaction()) {
          acknowledged = transfers.acknowledged();
          long start = System.nanoTime();
          Cli.Result clone = cloneFromA(b);
          awaitLogin(b, "a_only", "pa");
          nanos = System.nanoTime() - start;
          // The cloning client lost its connection with the restart, as MySQL's does (2013).
          assertThat(clone.exitCode()).isNotZero();
          assertThat(clone.stderr()).contains("2013");
          open.rollback();
        }
        // Every other session ended with the restart too.
        assertThatThrownBy(() -> idle.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        transfers.close();
        sysbench.close();
        assertThat(transfers.failures()).as("transfer writers").isEmpty();
        assertThat(sysbench.errors()).as("sysbench periods with errors").isEmpty();
      }
      CloneChecks checks = CloneChecks.run(b, ACCOUNTS, acknowledged, donorOnly);
      System.out.printf(
          "in-place-clone seconds-to-donor-login=%.2f %s%n", nanos / 1e9, checks.summary());
      assertThat(checks.failures()).as("seed=" + seed).isEmpty();
      assertServesA(b);
      assertThat(sql(b, "SELECT @@server_uuid").stdout()).isEqualTo(uuid);
      assertThat(Files.readAllBytes(bData.resolve("server-cert.pem"))).isEqualTo(certificate);
      assertThat(bData.resolve("#clone/staging")).doesNotExist();
      assertThat(bData.resolve("#clone/old")).doesNotExist();
      assertThat(bData.resolve("#clone/swap")).doesNotExist();

      // Again, from a newer A, and SIGKILL while DROP DATA waits: the new instance recovered, the
      // old one not yet deleted.
      sql(a, "INSERT INTO a_db.t VALUES (4, 'four')");
      sql(b, "SET GLOBAL clone_delay_after_data_drop = 60");
      assertThat(cloneFromA(b).stderr()).contains("2013");
      long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
      while (!b.output().contains("clone_delay_after_data_drop, waiting")) {
        assertThat(System.nanoTime()).as(b.output()).isLessThan(deadline);
        ServerProcess.sleep(50);
      }
      assertThat(bData.resolve("#clone/old")).isDirectory();
      b.kill();
    }
    try (ServerProcess b = ServerProcess.start(bData)) {
      assertThat(
              Cli.mariadb(b.port(), "a_only", "pa", "SELECT id, v FROM a_db.t WHERE id = 4")
                  .stdout())
          .isEqualTo("id\tv\n4\tfour\n");
      assertServesA(b);
      assertThat(bData.resolve("#clone/old")).doesNotExist();
      // The first clone moved to the history when the second began.
      assertThat(sql(b, "SELECT COUNT(*) FROM performance_schema.clone_history").stdout())
          .isEqualTo("COUNT(*)\n1\n");
    }
  }

  /**
   * The refusals first — CLONE_ADMIN (1227), a server cloning itself (3862 wrapping 3871) — then
   * KILL QUERY during FILE COPY: the clone fails with 1317 before any swap, the staging copy is
   * removed, and B keeps serving its own data and accounts without a restart.
   */
  @Test
  void aCloneKilledDuringFileCopyLeavesTheServerOnItsOwnData() throws Exception {
    try (ServerProcess b = serverB();
        Connection cloning = b.root();
        Statement c = cloning.createStatement();
        Connection watching = b.root();
        Statement w = watching.createStatement()) {
      Cli.Result unprivileged = Cli.mariadb(b.port(), "b_only", "pb", cloneStatement());
      assertThat(unprivileged.stderr())
          .contains(
              "ERROR 1227 (42000) at line 1: Access denied; you need (at least one of) the"
                  + " CLONE_ADMIN privilege(s) for this operation");
      c.execute(
          "SET GLOBAL clone_valid_donor_list = '127.0.0.1:"
              + a.port()
              + ",127.0.0.1:"
              + b.port()
              + "'");
      assertThatThrownBy(
              () ->
                  c.execute(
                      "CLONE INSTANCE FROM 'root'@'127.0.0.1':" + b.port() + " IDENTIFIED BY ''"))
          .isInstanceOf(SQLException.class)
          // MySQL's wrapper adds its period after the donor's own.
          .hasMessage(
              "Clone Donor Error: 3871 : Clone cannot use loop back connection while cloning into"
                  + " current data directory..")
          .extracting(e -> ((SQLException) e).getErrorCode())
          .isEqualTo(3862);
      assertThat(sql(b, "SELECT COUNT(*) FROM performance_schema.clone_status").stdout())
          .isEqualTo("COUNT(*)\n0\n");
      // Slow enough that FILE COPY is still running when the KILL comes.
      c.execute("SET GLOBAL clone_max_data_bandwidth = 1");
      CompletableFuture<SQLException> clone =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  c.execute(cloneStatement());
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
      while (!fileCopyRunning(w)) {
        assertThat(clone).as("the clone ended before FILE COPY was seen").isNotDone();
        assertThat(System.nanoTime()).as(b.output()).isLessThan(deadline);
        ServerProcess.sleep(20);
      }
      w.execute("KILL QUERY " + connectionId(w, "SELECT PID FROM performance_schema.clone_status"));
      SQLException error = clone.get();
      assertThat(error != null ? error.getErrorCode() : 0).as("the clone's error").isEqualTo(1317);

      assertThat(b.datadir().resolve("#clone/staging")).doesNotExist();
      try (ResultSet rs =
          w.executeQuery(
              "SELECT STATE, ERROR_NO, DESTINATION FROM performance_schema.clone_status")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Failed");
        assertThat(rs.getInt(2)).isEqualTo(1317);
        assertThat(rs.getString(3)).isEqualTo("LOCAL INSTANCE");
      }
      Cli.Result own = Cli.mariadb(b.port(), "b_only", "pb", "SELECT id FROM b_db.t");
      assertThat(own.exitCode()).as(own.stderr()).isZero();
      assertThat(own.stdout()).isEqualTo("id\n7\n");
      assertThat(Cli.mariadb(b.port(), "a_only", "pa", "SELECT 1").stderr()).contains("1045");
      // The session that cloned is still connected: no restart happened.
      try (ResultSet rs = c.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  private static boolean fileCopyRunning(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT STATE FROM performance_schema.clone_progress WHERE STAGE = 'FILE COPY'")) {
      return rs.next() && "In Progress".equals(rs.getString(1));
    }
  }

  private static long connectionId(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  /**
   * B holds A's instance: A's table and accounts, none of B's, and all seven stages Completed; the
   * clone's session ended with the restart, so its PID reads 0 as in MySQL.
   */
  private static void assertServesA(ServerProcess b) throws IOException {
    Cli.Result rows =
        Cli.mariadb(b.port(), "a_only", "pa", "SELECT id, v FROM a_db.t WHERE id <= 3 ORDER BY id");
    assertThat(rows.exitCode()).as(rows.stderr()).isZero();
    assertThat(rows.stdout()).isEqualTo("id\tv\n1\tone\n2\ttwo\n3\tthree\n");
    Cli.Result gone = Cli.mariadb(b.port(), "b_only", "pb", "SELECT 1");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.stderr()).contains("1045");
    assertThat(sql(b, "SHOW DATABASES").stdout()).contains("a_db").doesNotContain("b_db");
    assertThat(
            sql(
                    b,
                    "SELECT STATE, SOURCE, DESTINATION, ERROR_NO, PID"
                        + " FROM performance_schema.clone_status")
                .stdout())
        .isEqualTo(
            "STATE\tSOURCE\tDESTINATION\tERROR_NO\tPID\nCompleted\t127.0.0.1:"
                + a.port()
                + "\tLOCAL INSTANCE\t0\t0\n");
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

  private ServerProcess serverB() throws IOException {
    ServerProcess b = ServerProcess.start(dir.resolve("b"));
    sql(
        b,
        "CREATE USER 'b_only'@'%' IDENTIFIED BY 'pb'; GRANT SELECT ON *.* TO 'b_only'@'%';"
            + " CREATE DATABASE b_db; CREATE TABLE b_db.t (id INT PRIMARY KEY);"
            + " INSERT INTO b_db.t VALUES (7)");
    return b;
  }

  private static String cloneStatement() {
    return "CLONE INSTANCE FROM 'cloner'@'127.0.0.1':"
        + a.port()
        + " IDENTIFIED BY '"
        + PASSWORD
        + "'";
  }

  /** B's in-place clone from A with the mariadb client, which returns when B restarts. */
  private static Cli.Result cloneFromA(ServerProcess b) throws IOException {
    return Cli.mariadb(
        b.port(),
        "root",
        "",
        "SET GLOBAL clone_valid_donor_list = '127.0.0.1:" + a.port() + "'; " + cloneStatement());
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
