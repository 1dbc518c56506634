package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consecutive CLONE LOCALs of a donor under the full write load: {@link TransferWorkload} writers
 * and {@code sysbench oltp_write_only} ({@link SysbenchLoad}) run throughout, and before each clone
 * a new user with a password and a grant is created. Each copy is started as a server on its own
 * port and must pass every {@link CloneChecks} check; sysbench must end without errors.
 *
 * <p>The suite runs a small size; {@code bench/clone-consistency.sh} runs the product's full size
 * through the same test with {@code -Dclone.runs=20 -Dclone.accounts=10000 -Dclone.threads=8
 * -Dclone.sysbench.threads=4}. One line per clone starts with {@code clone-run}, the summary with
 * {@code clone-summary}. Seed by {@code -Dclone.seed=}.
 */
@Timeout(3600)
class CloneLocalUnderLoadAcceptanceTest {
  private static final Pattern PAUSE = Pattern.compile("commits paused (\\d+) us");

  @TempDir Path dir;

  @Test
  void everyCloneUnderTransfersAndSysbenchIsConsistentAndKeepsTheDonorsAccounts() throws Exception {
    int runs = Integer.getInteger("clone.runs", 3);
    int accounts = Integer.getInteger("clone.accounts", 1000);
    int threads = Integer.getInteger("clone.threads", 8);
    int sysbenchThreads = Integer.getInteger("clone.sysbench.threads", 2);
    int tableSize = Integer.getInteger("clone.sysbench.table-size", 1000);
    String fixed = System.getProperty("clone.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    System.out.printf(
        "clone-config seed=%d runs=%d accounts=%d threads=%d sysbench.threads=%d"
            + " sysbench.table-size=%d%n",
        seed, runs, accounts, threads, sysbenchThreads, tableSize);

    List<String> failed = new ArrayList<>();
    long ackedAtFirstClone = -1;
    long ackedAtEnd;
    try (ServerProcess donor = ServerProcess.start(dir.resolve("donor"));
        Connection admin = donor.root();
        Statement s = admin.createStatement();
        SysbenchLoad sysbench = SysbenchLoad.start(donor, sysbenchThreads, tableSize);
        TransferWorkload transfers = TransferWorkload.start(donor, threads, accounts, seed)) {
      Thread.sleep(1000);
      for (int run = 1; run <= runs; run++) {
        CloneChecks.Account account = createAccount(s, run);
        Path copy = dir.resolve("copy-" + run);
        int pausesBefore = pauses(donor).size();
        Set<Long> acknowledgedBeforeStart;
        long nanos;
        try (Connection open = transfers.openTransaction()) {
          acknowledgedBeforeStart = transfers.acknowledged();
          if (ackedAtFirstClone < 0) {
            ackedAtFirstClone = acknowledgedBeforeStart.size();
          }
          long start = System.nanoTime();
          s.execute("CLONE LOCAL DATA DIRECTORY = '" + copy + "'");
          nanos = System.nanoTime() - start;
          open.rollback();
        }
        long bytes = downloaded(s);
        List<Long> newPauses = pauses(donor);
        String pause = newPauses.size() > pausesBefore ? newPauses.getLast() + " us" : "not logged";
        CloneChecks checks;
        try (ServerProcess clone = ServerProcess.start(copy)) {
          checks = CloneChecks.run(clone, accounts, acknowledgedBeforeStart, account);
        }
        System.out.printf(
            "clone-run %d/%d seconds=%.2f bytes=%d pause=%s acknowledged-before=%d %s%n",
            run, runs, nanos / 1e9, bytes, pause, acknowledgedBeforeStart.size(), checks.summary());
        for (var f : checks.failures().entrySet()) {
          failed.add("clone " + run + " " + f.getKey() + ": " + f.getValue());
        }
        delete(copy);
      }
      ackedAtEnd = transfers.acknowledged().size();
      transfers.close();
      sysbench.close();
      assertThat(transfers.failures()).as("transfer writers").isEmpty();
      System.out.printf(
          "clone-summary runs=%d failed-checks=%d transfers=%d sysbench.transactions=%d"
              + " sysbench.ignored=%d sysbench.errors=%d seed=%d%n",
          runs,
          failed.size(),
          ackedAtEnd,
          sysbench.transactions(),
          sysbench.ignored(),
          sysbench.errors().size(),
          seed);
      assertThat(sysbench.errors()).as("sysbench periods with errors").isEmpty();
      assertThat(sysbench.transactions()).isPositive();
    }
    failed.forEach(System.out::println);
    assertThat(failed).as("seed=" + seed).isEmpty();
    assertThat(ackedAtEnd)
        .as("transfers went on during the clones")
        .isGreaterThan(ackedAtFirstClone);
  }

  /** A user u{run}@% with a password and a grant, and SHOW GRANTS for it on the donor. */
  private static CloneChecks.Account createAccount(Statement s, int run) throws Exception {
    String user = "clone_user_" + run;
    String password = "pw-" + run;
    s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    s.execute("GRANT SELECT, INSERT ON *.* TO '" + user + "'@'%'");
    List<String> grants = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + user + "'@'%'")) {
      while (rs.next()) {
        grants.add(rs.getString(1));
      }
    }
    return new CloneChecks.Account(user, password, grants);
  }

  /** DATA_DOWNLOADED of the donor's last clone. */
  private static long downloaded(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery("SELECT DATA_DOWNLOADED FROM performance_schema.clone_status")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** The commit pauses the donor logged to fix each clone's end LSN, in order. */
  private static List<Long> pauses(ServerProcess donor) {
    List<Long> pauses = new ArrayList<>();
    Matcher m = PAUSE.matcher(donor.output());
    while (m.find()) {
      pauses.add(Long.parseLong(m.group(1)));
    }
    return pauses;
  }

  private static void delete(Path tree) throws Exception {
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
