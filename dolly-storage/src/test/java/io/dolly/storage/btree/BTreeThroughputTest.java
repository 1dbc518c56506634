package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough single-thread throughput figure over the in-memory pages ({@code -Dbtree.bench=true},
 * {@code -Dbtree.benchKeys=N}); the JMH benchmarks in dolly-bench measure the real engine.
 */
@EnabledIfSystemProperty(named = "btree.bench", matches = "true")
class BTreeThroughputTest {
  @Test
  void sequentialAndRandomOperations() {
    int n = Integer.getInteger("btree.benchKeys", 1_000_000);
    InMemoryPages pages = new InMemoryPages(16384);
    int root;
    try (MiniTransaction mtr = pages.begin()) {
      root = BTree.create(mtr, 1);
      mtr.commit();
    }
    BTree tree = BTree.open(pages, 1, root);
    byte[] value = new byte[120];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      tree.insert(key(i), value);
    }
    report("sequential insert", n, t0);
    SplittableRandom rnd = new SplittableRandom(1);
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      tree.get(key(rnd.nextInt(n)));
    }
    report("random get", n, t0);
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      tree.update(key(rnd.nextInt(n)), value);
    }
    report("random same-size update", n, t0);
    t0 = System.nanoTime();
    int scans = n / 10;
    for (int i = 0; i < scans; i++) {
      try (BTreeCursor c = tree.scan(key(rnd.nextInt(n)), true, null, true, true)) {
        for (int j = 0; j < 100 && c.next(); j++) {
          c.value();
        }
      }
    }
    report("100-row range scan", scans, t0);
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      tree.delete(key(i));
    }
    report("sequential delete", n, t0);
  }

  private static void report(String what, int ops, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%-24s %9d ops %6.2fs %10.0f ops/s%n", what, ops, s, ops / s);
  }

  private static byte[] key(long v) {
    byte[] k = new byte[8];
    for (int i = 0; i < 8; i++) {
      k[i] = (byte) (v >>> (56 - 8 * i));
    }
    return k;
  }
}
