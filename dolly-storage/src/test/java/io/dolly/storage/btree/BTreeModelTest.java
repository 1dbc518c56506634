package io.dolly.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dolly.storage.mtr.MiniTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random operations applied to a {@link BTree} and to a {@link TreeMap} side by side. The default
 * run inserts about 200k keys; {@code -Dbtree.keys=1000000} runs a million (README, "Longer runs").
 * Values run from empty to 44 KiB, a few of 1-3 MiB; each run must store some over 16 KiB (a page),
 * so overflow chains are always exercised. {@code -Dbtree.seed=N} replays a failure, whose message
 * names the seed and the operation number.
 */
class BTreeModelTest {
  private static final int SPACE = 7;
  private static final byte[] EMPTY = new byte[0];

  @Test
  void matchesTreeMapWith16KiBPages() {
    int keys = Integer.getInteger("btree.keys", 200_000);
    run(16384, keys, seed());
  }

  @Test
  void matchesTreeMapWith4KiBPages() {
    int keys = Integer.getInteger("btree.keys", 200_000) / 4;
    run(4096, keys, seed());
  }

  private static long seed() {
    String s = System.getProperty("btree.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  private void run(int pageSize, int keys, long seed) {
    Model m = new Model(pageSize, seed);
    long started = System.nanoTime();
    try {
      while (m.map.size() < keys) {
        m.phase(Math.max(1000, keys / 8), 0.85, 0.05); // mostly inserts, up to `keys` records
      }
      m.phase(keys / 2, 0.30, 0.30); // mixed
      m.phase(keys / 2, 0.05, 0.80); // mostly deletes: merges and root collapses
      m.phase(keys / 10, 0.60, 0.20);
      m.reopenAndCompare();
      assertThat(m.valuesOverPage).as("values larger than a 16 KiB page were stored").isPositive();
    } catch (Throwable t) {
      throw new AssertionError("seed=" + seed + " op=" + m.op + " pageSize=" + pageSize, t);
    }
    System.out.printf(
        "btree model: pageSize=%d keys=%d ops=%d seed=%d peak=%d values>16KiB=%d %.1fs%n",
        pageSize, keys, m.op, seed, m.peak, m.valuesOverPage, (System.nanoTime() - started) / 1e9);
  }

  private static final class Model {
    final InMemoryPages pages;
    final SplittableRandom rnd;
    final NavigableMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
    final List<byte[]> knownKeys = new ArrayList<>();
    final int maxKey;
    final int root;
    BTree tree;
    long op;
    int peak;
    int hugeValues;
    long valuesOverPage;

    Model(int pageSize, long seed) {
      pages = new InMemoryPages(pageSize);
      rnd = new SplittableRandom(seed);
      try (MiniTransaction mtr = pages.begin()) {
        root = BTree.create(mtr, SPACE);
        mtr.commit();
      }
      tree = BTree.open(pages, SPACE, root);
      maxKey = BTree.maxKeyLength(pageSize);
    }

    void phase(int ops, double insertShare, double deleteShare) {
      int batch = Math.max(1000, ops / 8);
      for (int i = 0; i < ops; i++) {
        op++;
        double r = rnd.nextDouble();
        if (r < insertShare) {
          insertOrPut();
        } else if (r < insertShare + deleteShare) {
          delete();
        } else {
          double q = rnd.nextDouble();
          if (q < 0.4) {
            update();
          } else if (q < 0.8) {
            get();
          } else if (q < 0.95) {
            scan();
          } else {
            assertThat(tree.get(newKey())).isEqualTo(map.get(lastNewKey));
          }
        }
        peak = Math.max(peak, map.size());
        if ((i + 1) % batch == 0) {
          verify();
        }
      }
      verify();
    }

    private byte[] lastNewKey;

    byte[] newKey() {
      int shape = rnd.nextInt(100);
      byte[] k;
      if (shape < 70) {
        // Shared prefixes over a small alphabet stress separators and prefix comparisons.
        k = new byte[1 + rnd.nextInt(24)];
        for (int i = 0; i < k.length; i++) {
          k[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
        }
      } else if (shape < 99) {
        k = new byte[8];
        long v = rnd.nextLong();
        for (int i = 0; i < 8; i++) {
          k[i] = (byte) (v >>> (56 - 8 * i));
        }
      } else {
        k = new byte[1 + rnd.nextInt(maxKey)];
        rnd.nextBytes(k);
      }
      lastNewKey = k;
      return k;
    }

    byte[] existingKey() {
      while (!knownKeys.isEmpty()) {
        int i = rnd.nextInt(knownKeys.size());
        byte[] k = knownKeys.get(i);
        if (map.containsKey(k)) {
          return k;
        }
        knownKeys.set(i, knownKeys.get(knownKeys.size() - 1));
        knownKeys.remove(knownKeys.size() - 1);
      }
      return newKey();
    }

    byte[] newValue() {
      int shape = rnd.nextInt(10_000);
      int len;
      if (shape < 8_000) {
        len = rnd.nextInt(120);
      } else if (shape < 9_700) {
        len = 120 + rnd.nextInt(4_000);
      } else if (shape < 9_995 || hugeValues >= 3) {
        len = 4_000 + rnd.nextInt(40_000);
      } else {
        len = (1 << 20) + rnd.nextInt(2 << 20);
        hugeValues++;
      }
      if (len == 0) {
        return EMPTY;
      }
      if (len > 16 * 1024) {
        valuesOverPage++;
      }
      byte[] v = new byte[len];
      rnd.nextBytes(v);
      return v;
    }

    void insertOrPut() {
      boolean existing = rnd.nextInt(10) == 0 && !map.isEmpty();
      byte[] k = existing ? existingKey() : newKey();
      byte[] v = newValue();
      int how = rnd.nextInt(3);
      if (how == 0) {
        if (map.containsKey(k)) {
          byte[] key = k;
          assertThrows(DuplicateKeyException.class, () -> tree.insert(key, v));
          return;
        }
        tree.insert(k, v);
      } else if (how == 1) {
        assertThat(tree.put(k, v)).isEqualTo(map.containsKey(k));
      } else {
        try (MiniTransaction mtr = pages.begin()) {
          assertThat(tree.put(mtr, k, v)).isEqualTo(map.containsKey(k));
          mtr.commit();
        }
      }
      if (map.put(k, v) == null) {
        knownKeys.add(k);
      }
    }

    void update() {
      byte[] k = rnd.nextInt(5) == 0 ? newKey() : existingKey();
      byte[] v = newValue();
      boolean present = map.containsKey(k);
      assertThat(tree.update(k, v)).isEqualTo(present);
      if (present) {
        map.put(k, v);
      }
    }

    void delete() {
      byte[] k = rnd.nextInt(10) == 0 ? newKey() : existingKey();
      boolean present = map.containsKey(k);
      boolean deleted;
      if (rnd.nextBoolean()) {
        deleted = tree.delete(k);
      } else {
        try (MiniTransaction mtr = pages.begin()) {
          deleted = tree.delete(mtr, k);
          mtr.commit();
        }
      }
      assertThat(deleted).isEqualTo(present);
      byte[] old = map.remove(k);
      if (old != null && old.length > (1 << 20)) {
        hugeValues--;
      }
    }

    void get() {
      byte[] k = existingKey();
      assertThat(tree.get(k)).isEqualTo(map.get(k));
    }

    void scan() {
      byte[] from = rnd.nextInt(8) == 0 ? null : randomBound();
      byte[] to = rnd.nextInt(8) == 0 ? null : randomBound();
      if (from != null && to != null && Arrays.compareUnsigned(from, to) > 0) {
        byte[] t = from;
        from = to;
        to = t;
      }
      boolean fromInc = rnd.nextBoolean();
      boolean toInc = rnd.nextBoolean();
      boolean asc = rnd.nextBoolean();
      NavigableMap<byte[], byte[]> sub = map;
      if (from != null && to != null) {
        sub = sub.subMap(from, fromInc, to, toInc);
      } else if (from != null) {
        sub = sub.tailMap(from, fromInc);
      } else if (to != null) {
        sub = sub.headMap(to, toInc);
      }
      if (!asc) {
        sub = sub.descendingMap();
      }
      int limit = 1 + rnd.nextInt(300);
      try (BTreeCursor c = tree.scan(from, fromInc, to, toInc, asc)) {
        int n = 0;
        for (Map.Entry<byte[], byte[]> e : sub.entrySet()) {
          if (n++ == limit) {
            return;
          }
          assertThat(c.next()).as("cursor ended early at %d", n).isTrue();
          assertThat(c.key()).isEqualTo(e.getKey());
          assertThat(c.value()).isEqualTo(e.getValue());
        }
        assertThat(c.next()).as("cursor has extra records").isFalse();
      }
    }

    byte[] randomBound() {
      byte[] k = rnd.nextBoolean() ? existingKey() : newKey();
      if (k.length > 1 && rnd.nextInt(4) == 0) {
        k = Arrays.copyOf(k, 1 + rnd.nextInt(k.length - 1)); // a prefix
      }
      return k;
    }

    void verify() {
      VerifyReport report = tree.verify();
      assertThat(report.problems()).as(report.toString()).isEmpty();
      assertThat(report.records()).isEqualTo(map.size());
      assertThat(tree.count()).isEqualTo(map.size());
    }

    void reopenAndCompare() {
      tree = BTree.open(pages, SPACE, root);
      verify();
      try (BTreeCursor c = tree.scan()) {
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
          assertThat(c.next()).isTrue();
          assertThat(c.key()).isEqualTo(e.getKey());
          assertThat(c.value()).isEqualTo(e.getValue());
        }
        assertThat(c.next()).isFalse();
      }
      int[] used = tree.pages();
      // Every page of the space is either in the tree or on the free list (nothing leaks).
      assertThat(used.length + pages.freePages(SPACE)).isEqualTo(pages.allocatedPages(SPACE));
    }
  }
}
