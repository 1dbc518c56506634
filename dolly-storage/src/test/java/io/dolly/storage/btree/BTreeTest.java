package io.dolly.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.record.KeyEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BTreeTest {
  private static final int SPACE = 3;

  private final InMemoryPages pages = new InMemoryPages(16384);

  private BTree newTree() {
    int root;
    try (MiniTransaction mtr = pages.begin()) {
      root = BTree.create(mtr, SPACE);
      mtr.commit();
    }
    return BTree.open(pages, SPACE, root);
  }

  private static byte[] key(long v) {
    byte[] k = new byte[8];
    for (int i = 0; i < 8; i++) {
      k[i] = (byte) (v >>> (56 - 8 * i));
    }
    return k;
  }

  @Test
  void sixteenMiBValueRoundTripsAndItsPagesAreReused() {
    BTree tree = newTree();
    byte[] big = new byte[16 << 20];
    new SplittableRandom(16).nextBytes(big);
    tree.insert(key(1), big);
    tree.insert(key(2), new byte[] {1});
    assertThat(tree.get(key(1))).isEqualTo(big);
    VerifyReport report = tree.verify();
    assertThat(report.ok()).as(report.toString()).isTrue();
    assertThat(report.overflowPages()).isGreaterThan(1000);
    int allocated = pages.allocatedPages(SPACE);

    assertThat(tree.delete(key(1))).isTrue();
    assertThat(pages.freePages(SPACE)).isEqualTo(report.overflowPages());
    tree.put(key(3), big);
    assertThat(pages.allocatedPages(SPACE)).isEqualTo(allocated);
    assertThat(tree.get(key(3))).isEqualTo(big);
    assertThat(tree.verify().ok()).isTrue();
  }

  @Test
  void replacingAnOverflowValueFreesTheOldChain() {
    BTree tree = newTree();
    tree.insert(key(1), new byte[100_000]);
    tree.update(key(1), new byte[100_000]); // the new chain is written before the old is freed
    int allocated = pages.allocatedPages(SPACE);
    for (int i = 0; i < 5; i++) {
      tree.update(key(1), new byte[100_000 - i]);
    }
    assertThat(pages.allocatedPages(SPACE)).isEqualTo(allocated);
    tree.update(key(1), new byte[] {7});
    assertThat(tree.get(key(1))).containsExactly(7);
    assertThat(tree.pages()).hasSize(1);
  }

  @Test
  void keysAreLimitedWithAClearError() {
    BTree tree = newTree();
    byte[] longest = new byte[BTree.MAX_KEY_LENGTH];
    tree.insert(longest, new byte[5000]);
    assertThat(tree.get(longest)).hasSize(5000);
    assertThatThrownBy(() -> tree.insert(new byte[BTree.MAX_KEY_LENGTH + 1], new byte[0]))
        .isInstanceOf(KeyTooLongException.class)
        .hasMessageContaining("3072");
    assertThat(BTree.maxKeyLength(4096)).isLessThan(1024);
  }

  @Test
  void duplicateInsertChangesNothingAndLeaksNoOverflowPages() {
    BTree tree = newTree();
    tree.insert(key(1), new byte[] {1});
    assertThatThrownBy(() -> tree.insert(key(1), new byte[50_000]))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(tree.get(key(1))).containsExactly(1);
    assertThat(tree.pages()).hasSize(1);
    assertThat(pages.freePages(SPACE) + 1).isEqualTo(pages.allocatedPages(SPACE));
  }

  @Test
  void sequentialInsertsLeaveFullLeaves() {
    BTree tree = newTree();
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      tree.insert(key(i), new byte[100]);
    }
    VerifyReport report = tree.verify();
    assertThat(report.ok()).isTrue();
    int perLeaf = (16384 - Node.SLOTS) / (Node.SLOT_SIZE + Node.REC_HEADER + 8 + 100);
    assertThat(report.leafPages()).isLessThanOrEqualTo(n / perLeaf + 2);
    for (int i = 0; i < n; i++) {
      tree.delete(key(i));
    }
    report = tree.verify();
    assertThat(report.height()).isEqualTo(1);
    assertThat(tree.pages()).hasSize(1);
  }

  @Test
  void caseInsensitiveUniqueKeysCollideInTheTree() {
    BTree tree = newTree();
    KeyEncoder enc =
        new KeyEncoder(
            List.of(
                ColumnSpec.string(ColumnKind.VARCHAR, 20, Collation.UTF8MB4_0900_AI_CI, false)));
    tree.insert(enc.encode("Müller"), new byte[] {1});
    assertThatThrownBy(() -> tree.insert(enc.encode("MULLER"), new byte[] {2}))
        .isInstanceOf(DuplicateKeyException.class);
    tree.insert(enc.encode("Muller "), new byte[] {3}); // NO PAD: a trailing space differs
    try (MiniTransaction mtr = pages.begin()) {
      NodeSummary root = NodeSummary.of(mtr.readPage(SPACE, tree.rootPageNo()));
      assertThat(root.level()).isZero();
      assertThat(root.records()).isEqualTo(2);
      assertThat(root.rootPageNo()).isEqualTo(tree.rootPageNo());
    }
  }

  @Test
  void massDeletesMergeNodesAndLowerTheTree() {
    InMemoryPages small = new InMemoryPages(4096);
    int root;
    try (MiniTransaction mtr = small.begin()) {
      root = BTree.create(mtr, SPACE);
      mtr.commit();
    }
    BTree tree = BTree.open(small, SPACE, root);
    SplittableRandom rnd = new SplittableRandom(42);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      byte[] k = new byte[16 + rnd.nextInt(48)];
      rnd.nextBytes(k);
      if (tree.put(k, new byte[rnd.nextInt(64)])) {
        continue;
      }
      keys.add(k);
    }
    VerifyReport full = tree.verify();
    assertThat(full.height()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < keys.size(); i++) {
      if (i % 100 != 0) {
        assertThat(tree.delete(keys.get(i))).isTrue();
      }
    }
    VerifyReport sparse = tree.verify();
    assertThat(sparse.ok()).as(sparse.toString()).isTrue();
    assertThat(sparse.records()).isEqualTo((keys.size() + 99) / 100);
    assertThat(sparse.height()).isLessThan(full.height());
    assertThat(sparse.leafPages() + sparse.internalPages())
        .isLessThan((full.leafPages() + full.internalPages()) / 10);
  }

  @Test
  void emptyTreeScansAndCounts() {
    BTree tree = newTree();
    assertThat(tree.count()).isZero();
    try (BTreeCursor c = tree.scan(null, true, null, true, false)) {
      assertThat(c.next()).isFalse();
    }
    assertThat(tree.delete(key(1))).isFalse();
    assertThat(tree.update(key(1), new byte[1])).isFalse();
  }

  @Test
  void callerMiniTransactionHoldsTheTreeUntilCommit() {
    BTree tree = newTree();
    try (MiniTransaction mtr = pages.begin()) {
      for (int i = 0; i < 2000; i++) {
        tree.insert(mtr, key(i), new byte[200]); // splits inside the caller's unit
      }
      assertThat(tree.get(mtr, key(1999))).hasSize(200);
      mtr.commit();
    }
    assertThat(tree.count()).isEqualTo(2000);
    assertThat(tree.verify().ok()).isTrue();
  }

  @Test
  void readersAndWritersRunConcurrently() throws Exception {
    BTree tree = newTree();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    List<java.util.TreeMap<Long, Integer>> models = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      // Each thread owns a key range and checks every read of it against its own model, while
      // the other threads split and merge the pages around it.
      java.util.TreeMap<Long, Integer> model = new java.util.TreeMap<>();
      models.add(model);
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      SplittableRandom rnd = new SplittableRandom(id);
                      long base = id * 1_000_000L;
                      for (int i = 0; i < 20_000; i++) {
                        long k = base + rnd.nextInt(5000);
                        switch (rnd.nextInt(4)) {
                          case 0 -> {
                            int len = rnd.nextInt(300);
                            tree.put(key(k), new byte[len]);
                            model.put(k, len);
                          }
                          case 1 ->
                              assertThat(tree.delete(key(k))).isEqualTo(model.remove(k) != null);
                          case 2 -> {
                            byte[] v = tree.get(key(k));
                            Integer len = model.get(k);
                            assertThat(v == null ? null : v.length).isEqualTo(len);
                          }
                          default -> {
                            boolean asc = rnd.nextBoolean();
                            var expected =
                                (asc
                                        ? model.tailMap(k, true)
                                        : model.headMap(k, true).descendingMap())
                                    .entrySet()
                                    .iterator();
                            try (BTreeCursor c =
                                asc
                                    ? tree.scan(key(k), true, key(base + 5000), false, true)
                                    : tree.scan(key(base), true, key(k), true, false)) {
                              for (int j = 0; j < 20 && expected.hasNext(); j++) {
                                var e = expected.next();
                                assertThat(c.next()).isTrue();
                                assertThat(c.key()).isEqualTo(key(e.getKey()));
                                assertThat(c.value()).hasSize(e.getValue());
                              }
                              if (!expected.hasNext()) {
                                assertThat(c.next()).isFalse();
                              }
                            }
                          }
                        }
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failure.get()).isNull();
    VerifyReport report = tree.verify();
    assertThat(report.ok()).as(report.toString()).isTrue();
    assertThat(report.records()).isEqualTo(models.stream().mapToLong(m -> m.size()).sum());
  }
}
