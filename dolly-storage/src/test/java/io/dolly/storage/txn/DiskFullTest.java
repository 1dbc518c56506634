package io.dolly.storage.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.StorageException;
import io.dolly.storage.StorageFullException;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.btree.VerifyReport;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.space.Tablespace;
import io.dolly.storage.space.TablespaceFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up under four writing sessions. MySQL's behaviour is the goal: the statement
 * that cannot grow its table fails with ER_RECORD_FILE_FULL (here {@link StorageFullException}),
 * its transaction rolls back, the server carries on and succeeds again once space is freed; and
 * whatever happens, every transaction committed before is there after a power loss and restart, and
 * every page on disk passes its checksum.
 */
class DiskFullTest {
  private static final int THREADS = 4;
  private static final int ROWS_PER_TRX = 8;
  private static final int ROW_BYTES = 600;

  @TempDir Path dir;

  @Test
  void fullTablespaceDiskFailsTransactionsWithTableFullAndTheEngineCarriesOn() throws Exception {
    long seed = TxnFixture.seed("tableFull");
    Setup at = Setup.open(dir, seed);
    FaultInjectingFileSystem fs = at.fs();
    StorageEngine engine = at.engine();
    TransactionManager transactions = at.transactions();
    BTree tree = at.tree();
    // Only the tables' files fill up: this test watches the table-full path alone.
    fs.noSpaceAfter(
        (2 << 20) + new SplittableRandom(seed).nextInt(1 << 20),
        p -> p.getFileName().toString().endsWith(".ibd"));

    Sessions sessions = new Sessions(seed);
    sessions.runUntilEachFails(transactions, tree);
    for (Throwable f : sessions.failures) {
      assertThat(f).as("seed=" + seed).isInstanceOf(StorageFullException.class);
      assertThat(((StorageFullException) f).table()).isEqualTo("t");
      assertThat(f).hasMessageContaining("no space left on device").hasMessageContaining("t.ibd");
    }
    assertThat(engine.halted()).as("a full table does not stop the engine").isFalse();
    sessions.check(tree);

    fs.unlimitedSpace();
    sessions.commitOneMoreEach(transactions, tree);
    sessions.check(tree);

    fs.powerLoss();
    engine.close();
    fs.restart();
    reopenAndCheck(at.config(), tree, sessions);
  }

  @Test
  void wholeDiskFullFailsGrowingTablesWaitsForRedoAndLosesNothingCommitted() throws Exception {
    long seed = TxnFixture.seed("diskFull");
    Setup at = Setup.open(dir, seed);
    FaultInjectingFileSystem fs = at.fs();
    StorageEngine engine = at.engine();
    TransactionManager transactions = at.transactions();
    BTree tree = at.tree();
    fs.noSpaceAfter((2 << 20) + new SplittableRandom(seed).nextInt(4 << 20));

    Sessions sessions = new Sessions(seed);
    // A session fails when its table cannot grow, or waits in its commit while the redo log waits
    // for space to create its next file; space is freed once every session is in one of the two.
    sessions.runUntilEachFailsOr(
        transactions, tree, () -> engine.redoLog().waitingForDiskSpace(), fs::unlimitedSpace);
    for (Throwable f : sessions.failures) {
      assertThat(f).as("seed=" + seed).isInstanceOf(StorageFullException.class);
    }
    assertThat(engine.halted()).as("a full disk does not stop the engine").isFalse();
    sessions.check(tree);
    sessions.commitOneMoreEach(transactions, tree);

    fs.powerLoss();
    engine.close();
    fs.restart();
    reopenAndCheck(at.config(), tree, sessions);
  }

  /** An engine on a fault-injecting file system with one empty table, checkpointed. */
  private record Setup(
      FaultInjectingFileSystem fs,
      StorageConfig config,
      StorageEngine engine,
      TransactionManager transactions,
      BTree tree) {
    static Setup open(Path dir, long seed) {
      FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
      StorageConfig config = TxnFixture.small(fs);
      StorageEngine engine = StorageEngine.open(dir, config);
      TransactionManager transactions = TransactionManager.open(engine);
      BTree tree = TxnFixture.createTree(engine, "test/t.ibd");
      engine.checkpoint();
      return new Setup(fs, config, engine, transactions, tree);
    }
  }

  private void reopenAndCheck(StorageConfig config, BTree before, Sessions sessions) {
    try (StorageEngine again = StorageEngine.open(dir, config)) {
      TransactionManager.open(again);
      BTree tree = TxnFixture.reopen(again, before);
      sessions.check(tree);
      VerifyReport report = tree.verify();
      assertThat(report.problems()).isEmpty();
      checkEveryPage(again, report.leafPages());
    }
  }

  /** Reads every page of every tablespace from disk, verifying checksums and page ids. */
  private static void checkEveryPage(StorageEngine engine, int leaves) {
    int pageSize = engine.pageSize();
    byte[] page = new byte[pageSize];
    int checked = 0;
    for (TablespaceFile f : engine.tablespaces().files()) {
      Tablespace t = engine.tablespaces().require(f.spaceId());
      for (int p = 0; p < f.sizeBytes() / pageSize; p++) {
        t.readPage(p, page);
        checked++;
      }
    }
    // The table's pages were among them.
    assertThat(checked).isGreaterThan(leaves);
  }

  /**
   * Four sessions inserting {@link #ROWS_PER_TRX} rows per transaction into their own key ranges.
   * Committed rows are remembered with their payload; the rows of a transaction that failed must
   * never be seen.
   */
  private static final class Sessions {
    final long seed;
    final Map<Long, byte[]> committed = new ConcurrentHashMap<>();
    final Set<Long> rolledBack = ConcurrentHashMap.newKeySet();

    /** Rows of transactions whose commit itself failed (the engine halted): either outcome. */
    final Map<Long, byte[]> inDoubt = new ConcurrentHashMap<>();

    final List<Throwable> failures = new ArrayList<>();
    final long[] next = new long[THREADS];

    Sessions(long seed) {
      this.seed = seed;
    }

    void runUntilEachFails(TransactionManager transactions, BTree tree)
        throws InterruptedException {
      runUntilEachFailsOr(transactions, tree, () -> false, () -> {});
      assertThat(failures)
          .as("every session met the full disk (seed=" + seed + ")")
          .hasSize(THREADS);
    }

    /**
     * Runs the sessions until each failed, or until {@code stalled} has held for 300 ms while the
     * sessions still running made no progress; then runs {@code freeSpace}, stops the sessions that
     * are left and waits for them.
     */
    void runUntilEachFailsOr(
        TransactionManager transactions, BTree tree, BooleanSupplier stalled, Runnable freeSpace)
        throws InterruptedException {
      Throwable[] failed = new Throwable[THREADS];
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int session = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      SplittableRandom rnd = new SplittableRandom(seed + session);
                      for (int i = 0; i < 100_000 && failed[session] == null && !stop.get(); i++) {
                        failed[session] = commitOne(transactions, tree, session, rnd);
                      }
                    }));
      }
      long stalledSince = 0;
      while (threads.stream().anyMatch(Thread::isAlive)) {
        int before = committed.size();
        Thread.sleep(20);
        boolean stuck = stalled.getAsBoolean() && committed.size() == before;
        stalledSince = !stuck ? 0 : stalledSince == 0 ? System.nanoTime() : stalledSince;
        if (stalledSince != 0 && System.nanoTime() - stalledSince > 300_000_000L) {
          break;
        }
      }
      freeSpace.run();
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      for (Throwable f : failed) {
        if (f != null) {
          failures.add(f);
        }
      }
      System.out.println(
          committed.size()
              + " rows committed; "
              + failures.size()
              + " sessions failed, first: "
              + (failures.isEmpty() ? "none" : failures.getFirst()));
    }

    void commitOneMoreEach(TransactionManager transactions, BTree tree) {
      for (int t = 0; t < THREADS; t++) {
        Throwable f = commitOne(transactions, tree, t, new SplittableRandom(seed - t));
        assertThat(f).as("a transaction after space was freed").isNull();
      }
    }

    /** One transaction of session {@code t}; returns its failure, null when it committed. */
    private Throwable commitOne(
        TransactionManager transactions, BTree tree, int t, SplittableRandom rnd) {
      Map<Long, byte[]> rows = new HashMap<>();
      try (Transaction trx = transactions.begin()) {
        try {
          for (int i = 0; i < ROWS_PER_TRX; i++) {
            long k = ((long) t << 40) | next[t]++;
            byte[] row = new byte[ROW_BYTES];
            rnd.nextBytes(row);
            rows.put(k, row);
            trx.insert(tree, TxnFixture.key(k), row);
          }
        } catch (StorageException e) {
          rolledBack.addAll(rows.keySet());
          return e;
        }
        try {
          trx.commit();
        } catch (StorageException e) {
          inDoubt.putAll(rows);
          return e;
        }
      }
      committed.putAll(rows);
      return null;
    }

    /** Every committed row is there with its payload; no row of a failed transaction is. */
    void check(BTree tree) {
      long count = 0;
      try (BTreeCursor c = tree.scan()) {
        while (c.next()) {
          long k = ByteBuffer.wrap(c.key()).getLong();
          byte[] expected = committed.getOrDefault(k, inDoubt.get(k));
          assertThat(rolledBack).as("key %d of a failed transaction", k).doesNotContain(k);
          assertThat(expected).as("key %d was never committed", k).isNotNull();
          byte[] v = c.value();
          // The first 13 bytes are the transaction id and roll pointer the transaction wrote.
          assertThat(Arrays.copyOfRange(v, 13, v.length))
              .isEqualTo(Arrays.copyOfRange(expected, 13, expected.length));
          count += committed.containsKey(k) ? 1 : 0;
        }
      }
      assertThat(count).as("committed rows (seed=" + seed + ")").isEqualTo(committed.size());
    }
  }
}
