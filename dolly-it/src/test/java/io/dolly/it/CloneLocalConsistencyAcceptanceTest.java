package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
      s.execute("SET GLOBAL clone_max_data_bandwidth = 1");
      s.execute("SET GLOBAL clone_buffer_size = 1048576");
      TransferWorkload transfers = TransferWorkload.start(donor, 3, ACCOUNTS, seed);
      try {
        Thread.sleep(1000);
        // A transaction open across the whole clone: none of it may reach the copy.
        try (Connection open = transfers.openTransaction()) {
          acknowledgedBeforeStart = transfers.acknowledged();
          s.execute("CLONE LOCAL DATA DIRECTORY = '" + copy + "'");
          open.rollback();
        }
      } finally {
        transfers.close();
      }
      assertThat(transfers.failures()).isEmpty();
      int acknowledged = transfers.acknowledged().size();
      System.out.println(
          "transfers acknowledged before CLONE: "
              + acknowledgedBeforeStart.size()
              + ", by the end: "
              + acknowledged);
      assertThat(acknowledged).isGreaterThan(acknowledgedBeforeStart.size());
    }
    // The copy as CLONE left it: every page of every tablespace whole (its redo not yet replayed).
    assertInspectCheckPasses(copy, "0 damaged pages");
    try (ServerProcess clone = ServerProcess.start(copy)) {
      CloneChecks checks = CloneChecks.run(clone, ACCOUNTS, acknowledgedBeforeStart, null);
      System.out.println(checks.summary());
      assertThat(checks.failures()).as("seed=" + seed).isEmpty();
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
}
