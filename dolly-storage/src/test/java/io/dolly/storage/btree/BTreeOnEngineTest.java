package io.dolly.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.space.SpaceHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model test of {@link TreeWorkload} on a real {@link StorageEngine} whose buffer pool holds
 * only 256 pages, so that eviction, flushing and checkpoints under redo back-pressure happen all
 * the time; then a clean restart must show the same tree. {@code -Dbtree.engine.keys=N} (default
 * 50000) sets the size, {@code -Dbtree.engine.seed=N} replays a failure.
 */
class BTreeOnEngineTest {
  static final int FRAMES = 256;

  @TempDir Path tempDir;
  Path dir;

  /**
   * The data directory: in memory-backed /dev/shm when there is one, since this test is about
   * eviction and flushing order, not disk latency (thousands of fsyncs would dominate its time);
   * {@code -Dbtree.engine.disk=true} keeps it on the disk.
   */
  @BeforeEach
  void dataDirectory() throws IOException {
    Path shm = Path.of("/dev/shm");
    if (!Boolean.getBoolean("btree.engine.disk")
        && Files.isDirectory(shm)
        && Files.isWritable(shm)) {
      dir = Files.createTempDirectory(shm, "dolly-btree-");
    } else {
      dir = tempDir.resolve("data");
    }
  }

  @AfterEach
  void removeDataDirectory() throws IOException {
    if (!dir.startsWith(tempDir) && Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static StorageConfig smallPool() {
    return StorageConfig.defaults()
        .withBufferPoolSize((long) FRAMES * StorageConfig.DEFAULT_PAGE_SIZE)
        .withRedoLogCapacity(16 << 20)
        .withRedoBufferSize(1 << 20);
  }

  static long seed(String property) {
    String s = System.getProperty(property);
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  /** Creates a tablespace holding one empty tree; returns {space id, root page}. */
  static int[] createTree(StorageEngine engine, String file) {
    int space = engine.createTablespace(file);
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      int root = BTree.create(mtr, space);
      mtr.commit();
      engine.waitDurable(mtr.commitLsn());
      return new int[] {space, root};
    }
  }

  /** Every page of the space below its high water is page 0, in the tree, or on the free list. */
  static void assertNoLeak(StorageEngine engine, BTree tree) {
    int used = tree.pages().length;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      PageHandle header = mtr.readPage(tree.spaceId(), 0);
      int highWater = header.getInt(SpaceHeader.HIGH_WATER);
      int free = header.getInt(SpaceHeader.FREE_COUNT);
      assertThat(1 + used + free).as("pages in use + free vs high water").isEqualTo(highWater);
    }
  }

  @Test
  void matchesTreeMapWithEvictionAndRestart() {
    long seed = seed("btree.engine.seed");
    int keys = Integer.getInteger("btree.engine.keys", 50_000);
    long started = System.nanoTime();
    TreeWorkload w = null;
    try (StorageEngine engine = StorageEngine.open(dir, smallPool())) {
      int[] t = createTree(engine, "test/t.ibd");
      BTree tree = BTree.open(engine::beginMiniTransaction, t[0], t[1]);
      w =
          new TreeWorkload(
              tree, engine::beginMiniTransaction, new SplittableRandom(seed), 1, 6L << 20);
      try {
        while (w.map.size() < keys) {
          phase(w, Math.max(1000, keys / 8), 0.85, 0.05);
        }
        phase(w, keys / 2, 0.30, 0.30);
        phase(w, keys / 2, 0.05, 0.80); // mostly deletes: merges and root collapses
        phase(w, keys / 10, 0.60, 0.20);
        assertNoLeak(engine, tree);
        assertThat(engine.bufferPool().pagesWritten())
            .as("pages were evicted and flushed")
            .isPositive();
      } catch (Throwable e) {
        throw new AssertionError("seed=" + seed + " op=" + w.op, e);
      }
      int[] t2 = t;
      engine.close();
      try (StorageEngine again = StorageEngine.open(dir, smallPool())) {
        w.tree = BTree.open(again::beginMiniTransaction, t2[0], t2[1]);
        w.verify();
        w.compareRange();
        assertNoLeak(again, w.tree);
      } catch (Throwable e) {
        throw new AssertionError("seed=" + seed + " after restart", e);
      }
    }
    System.out.printf(
        "btree on engine: keys=%d ops=%d seed=%d %.1fs%n",
        keys, w.op, seed, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Four threads, each with its own key range and model, on one tree for a few seconds ({@code
   * -Dbtree.engine.seconds=N}); a deadlock fails the test by timeout instead of hanging the build.
   */
  @Test
  void severalThreadsOnOneTree() throws Exception {
    long seed = seed("btree.engine.seed");
    int threads = 4;
    long millis =
        (long) (1000 * Double.parseDouble(System.getProperty("btree.engine.seconds", "4")));
    try (StorageEngine engine = StorageEngine.open(dir, smallPool())) {
      int[] t = createTree(engine, "test/t.ibd");
      BTree tree = BTree.open(engine::beginMiniTransaction, t[0], t[1]);
      SplittableRandom root = new SplittableRandom(seed);
      List<TreeWorkload> workloads = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workloads.add(
            new TreeWorkload(tree, engine::beginMiniTransaction, root.split(), i + 1, 1L << 20));
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        for (TreeWorkload w : workloads) {
          done.add(
              pool.submit(
                  () -> {
                    while (System.nanoTime() < end) {
                      w.step(w.map.size() < 3000 ? 0.6 : 0.3, 0.25);
                      if (w.op % 500 == 0) {
                        w.compareRange();
                      }
                    }
                    w.compareRange();
                    return null;
                  }));
        }
        for (int i = 0; i < threads; i++) {
          try {
            done.get(i).get(millis + 60_000, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            throw new AssertionError(
                "seed=" + seed + ": no progress (deadlock?)\n" + threadDump(), e);
          } catch (ExecutionException e) {
            throw new AssertionError(
                "seed=" + seed + " thread " + i + " op=" + workloads.get(i).op, e.getCause());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      VerifyReport report = tree.verify();
      long total = workloads.stream().mapToLong(w -> w.map.size()).sum();
      assertThat(report.problems()).as("seed=%d %s", seed, report).isEmpty();
      assertThat(report.records()).as("seed=%d", seed).isEqualTo(total);
      assertNoLeak(engine, tree);
      engine.close();
      try (StorageEngine again = StorageEngine.open(dir, smallPool())) {
        BTree reopened = BTree.open(again::beginMiniTransaction, t[0], t[1]);
        for (TreeWorkload w : workloads) {
          w.tree = reopened;
          w.compareRange();
        }
      }
      System.out.printf(
          "btree threads: %d ops, %d records, seed=%d%n",
          workloads.stream().mapToLong(w -> w.op).sum(), total, seed);
    }
  }

  /**
   * A clustered and a secondary tree in one tablespace: two threads write both in one caller's
   * mini-transaction (clustered first, values big enough for overflow chains and splits), two
   * others write only the secondary tree in its own mini-transactions. Allocation must not make
   * them wait on each other in a cycle.
   */
  @Test
  void twoTreesOfOneSpaceWrittenTogetherDoNotDeadlock() throws Exception {
    long seed = seed("btree.engine.seed");
    long millis = 3000;
    try (StorageEngine engine = StorageEngine.open(dir, smallPool())) {
      int space = engine.createTablespace("test/two.ibd");
      int[] roots = new int[2];
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        roots[0] = BTree.create(mtr, space);
        roots[1] = BTree.create(mtr, space);
        mtr.commit();
      }
      BTree clustered = BTree.open(engine::beginMiniTransaction, space, roots[0]);
      BTree secondary = BTree.open(engine::beginMiniTransaction, space, roots[1]);
      SplittableRandom root = new SplittableRandom(seed);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> done = new ArrayList<>();
      long end = System.nanoTime() + millis * 1_000_000;
      try {
        for (int i = 0; i < 4; i++) {
          SplittableRandom rnd = root.split();
          byte thread = (byte) i;
          boolean both = i < 2;
          done.add(
              pool.submit(
                  () -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                      byte[] key = {thread, (byte) rnd.nextInt(256), (byte) (n >>> 8), (byte) n};
                      byte[] value = new byte[rnd.nextInt(8) == 0 ? 20_000 : rnd.nextInt(3000)];
                      rnd.nextBytes(value);
                      if (both) {
                        try (MiniTransaction mtr = engine.beginMiniTransaction()) {
                          clustered.put(mtr, key, value);
                          secondary.put(mtr, key, value);
                          mtr.commit();
                        }
                      } else {
                        secondary.put(key, value);
                        if (rnd.nextInt(3) == 0) {
                          secondary.delete(key);
                        }
                      }
                      n++;
                    }
                    return n;
                  }));
        }
        for (Future<Integer> f : done) {
          try {
            assertThat(f.get(millis + 30_000, TimeUnit.MILLISECONDS)).isPositive();
          } catch (TimeoutException e) {
            throw new AssertionError("seed=" + seed + ": deadlock\n" + threadDump(), e);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(clustered.verify().problems()).as("seed=%d", seed).isEmpty();
      assertThat(secondary.verify().problems()).as("seed=%d", seed).isEmpty();
      long inClustered = clustered.count();
      try (BTreeCursor c = clustered.scan()) {
        while (c.next()) {
          assertThat(secondary.get(c.key())).isEqualTo(c.value());
        }
      }
      assertThat(inClustered).isPositive();
    }
  }

  /**
   * Multi-MiB values written in a caller's mini-transaction with a 2 MiB redo capacity: the
   * overflow chains go through nested mini-transactions that skip the back-pressure wait while the
   * caller holds latches. The log must run past its soft capacity rather than wedge, and catch up
   * after.
   */
  @Test
  void nestedOverflowWritesDoNotWedgeTheRedoLog() {
    long seed = seed("btree.engine.seed");
    SplittableRandom rnd = new SplittableRandom(seed);
    StorageConfig config = smallPool().withRedoLogCapacity(2 << 20);
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      int[] t = createTree(engine, "test/big.ibd");
      BTree tree = BTree.open(engine::beginMiniTransaction, t[0], t[1]);
      byte[][] values = new byte[6][];
      long[] maxAge = new long[1];
      assertTimeoutPreemptively(
          Duration.ofSeconds(90),
          () -> {
            for (int i = 0; i < values.length; i++) {
              values[i] = new byte[(3 << 20) + rnd.nextInt(1 << 20)];
              rnd.nextBytes(values[i]);
              try (MiniTransaction mtr = engine.beginMiniTransaction()) {
                tree.put(mtr, new byte[] {1, (byte) i}, new byte[] {(byte) i});
                tree.put(mtr, new byte[] {2, (byte) i}, values[i]);
                maxAge[0] = Math.max(maxAge[0], engine.redoLog().checkpointAge());
                mtr.commit();
              }
            }
          },
          "seed=" + seed + ": the redo log wedged");
      // Usually past the 2 MiB capacity (the caller's latched pages hold the checkpoint back);
      // how far depends on the page cleaner's timing, so it is reported, not asserted.
      System.out.println("nested overflow writes: max checkpoint age " + maxAge[0]);
      // The next top-level mini-transaction waits until the checkpoint caught up.
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        assertThat(engine.redoLog().checkpointAge()).isLessThanOrEqualTo(2 << 20);
      }
      assertThat(tree.verify().problems()).isEmpty();
      for (int i = 0; i < values.length; i++) {
        assertThat(tree.get(new byte[] {2, (byte) i})).as("seed=%d", seed).isEqualTo(values[i]);
      }
      assertNoLeak(engine, tree);
    }
  }

  private static String threadDump() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      sb.append(e.getKey()).append('\n');
      for (StackTraceElement s : e.getValue()) {
        sb.append("    at ").append(s).append('\n');
      }
    }
    return sb.toString();
  }

  private static void phase(TreeWorkload w, int ops, double insertShare, double deleteShare) {
    int batch = Math.max(1000, ops / 8);
    for (int i = 0; i < ops; i++) {
      w.step(insertShare, deleteShare);
      if ((i + 1) % batch == 0) {
        w.verify();
      }
    }
    w.verify();
  }
}
