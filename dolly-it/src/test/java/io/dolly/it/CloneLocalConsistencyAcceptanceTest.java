package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers over SQL while CLONE LOCAL runs (throttled, so it spans many commits): the copy,
 * started as a server, holds the exact total, balances equal to its journal's replay, every
 * transfer acknowledged before the CLONE statement started, nothing of a transaction open at its
 * end, and CHECK TABLE passes. Seed by {@code -Dclone.sql.seed=}.
 */
@Timeout(600)
class CloneLocalConsistencyAcceptanceTest {
  private static final int ACCOUNTS = 10;
  private static final long INITIAL = 1000;
  private static final long UNCOMMITTED = 1_000_000_000_000L;

  @TempDir Path dir;

  @Test
  void aCloneTakenUnderSqlTransfersIsConsistentAndCheckTablePasses() throws Exception {
    String fixed = System.getProperty("clone.sql.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    System.out.println("clone.sql seed=" + seed);
    Path data = dir.resolve("donor");
    Path copy = dir.resolve("copy");
    Set<Long> acknowledgedBeforeStart;
    try (ServerProcess donor = ServerProcess.start(data);
        Connection admin = donor.root();
        Statement s = admin.createStatement()) {
      FillerTable.fill(admin, 4); // with 1 MiB/s, FILE COPY lasts seconds
      s.execute("CREATE DATABASE bank");
      s.execute("CREATE TABLE bank.acct (id INT PRIMARY KEY, bal BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE bank.journal (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL,"
              + " amount BIGINT NOT NULL)");
      for (int i = 0; i <= ACCOUNTS; i++) {
        s.execute("INSERT INTO bank.acct VALUES (" + i + ", " + INITIAL + ")");
      }
      s.execute("SET GLOBAL clone_max_data_bandwidth = 1");
      s.execute("SET GLOBAL clone_buffer_size = 1048576");

      Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong ids = new AtomicLong();
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        long threadSeed = rnd.nextLong();
        writers.add(
            Thread.ofPlatform()
                .start(() -> transfers(donor, threadSeed, ids, acknowledged, stop, failures)));
      }
      Connection open = donor.root();
      try {
        Thread.sleep(1000);
        // A transaction open across the whole clone: none of it may reach the copy.
        open.setAutoCommit(false);
        try (Statement o = open.createStatement()) {
          o.execute("UPDATE bank.acct SET bal = -1 WHERE id = 0");
          o.execute("INSERT INTO bank.journal VALUES (" + UNCOMMITTED + ", 1, 2, 5000)");
        }
        acknowledgedBeforeStart = new HashSet<>(acknowledged);
        s.execute("CLONE LOCAL DATA DIRECTORY = '" + copy + "'");
        open.rollback();
      } finally {
        stop.set(true);
        for (Thread w : writers) {
          w.join();
        }
        open.close();
      }
      assertThat(failures).isEmpty();
      System.out.println(
          "transfers acknowledged before CLONE: "
              + acknowledgedBeforeStart.size()
              + ", by the end: "
              + acknowledged.size());
      assertThat(acknowledged.size()).isGreaterThan(acknowledgedBeforeStart.size());
    }
    // The copy as CLONE left it: every page of every tablespace whole (its redo not yet replayed).
    assertInspectCheckPasses(copy, "0 damaged pages");
    try (ServerProcess clone = ServerProcess.start(copy);
        Connection c = clone.root();
        Statement s = c.createStatement()) {
      for (String table : List.of("bank.acct", "bank.journal")) {
        try (ResultSet rs = s.executeQuery("CHECK TABLE " + table)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("Msg_text")).as(table).isEqualTo("OK");
        }
      }
      Map<Integer, Long> expected = new HashMap<>();
      Set<Long> journal = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM bank.journal")) {
        while (rs.next()) {
          journal.add(rs.getLong(1));
          expected.merge(rs.getInt(2), -rs.getLong(4), Long::sum);
          expected.merge(rs.getInt(3), rs.getLong(4), Long::sum);
        }
      }
      long total = 0;
      try (ResultSet rs = s.executeQuery("SELECT id, bal FROM bank.acct")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          long bal = rs.getLong(2);
          if (id == 0) {
            assertThat(bal).as("the open transaction's update").isEqualTo(INITIAL);
            continue;
          }
          total += bal;
          assertThat(bal)
              .as("seed=" + seed + " account " + id + " = journal replay")
              .isEqualTo(INITIAL + expected.getOrDefault(id, 0L));
        }
      }
      assertThat(total).as("seed=" + seed + " total").isEqualTo(ACCOUNTS * INITIAL);
      assertThat(journal).as("acknowledged before CLONE").containsAll(acknowledgedBeforeStart);
      assertThat(journal).as("uncommitted at the end").doesNotContain(UNCOMMITTED);
    }
    // Shut down cleanly, the copy's files alone hold every table whole.
    assertInspectCheckPasses(copy, "0 with problems");
  }

  /** {@code ./dolly inspect check DIR}: page checksums, then the tables when no redo is pending. */
  private static void assertInspectCheckPasses(Path datadir, String expected) throws Exception {
    Cli.Result r =
        Cli.run(
            List.of(
                "env",
                "DOLLY_SKIP_BUILD=1",
                ServerProcess.ROOT.resolve("dolly").toString(),
                "inspect",
                "check",
                datadir.toString()),
            null,
            120);
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains(expected);
  }

  /** One writer: transfers between accounts 1..ACCOUNTS, each with its journal row. */
  private static void transfers(
      ServerProcess donor,
      long seed,
      AtomicLong ids,
      Set<Long> acknowledged,
      AtomicBoolean stop,
      ConcurrentLinkedQueue<Throwable> failures) {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (Connection c = donor.root();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (!stop.get()) {
        int from = 1 + rnd.nextInt(ACCOUNTS);
        int to = 1 + rnd.nextInt(ACCOUNTS);
        long amount = 1 + rnd.nextInt(100);
        long id = ids.incrementAndGet();
        try {
          s.execute("UPDATE bank.acct SET bal = bal - " + amount + " WHERE id = " + from);
          s.execute("UPDATE bank.acct SET bal = bal + " + amount + " WHERE id = " + to);
          s.execute(
              "INSERT INTO bank.journal VALUES ("
                  + id
                  + ", "
                  + from
                  + ", "
                  + to
                  + ", "
                  + amount
                  + ")");
          c.commit();
          acknowledged.add(id);
        } catch (SQLException e) {
          if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205) {
            throw e;
          }
          c.rollback(); // deadlock victim or lock wait: nothing of it committed
        }
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }
}
