package io.dolly.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.space.SpaceHeader;
import java.nio.file.Path;
import java.util.SplittableRandom;
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

  @TempDir Path dir;

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
