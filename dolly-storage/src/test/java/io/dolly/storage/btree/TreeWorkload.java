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

/**
 * Random operations on a {@link BTree} mirrored in a {@link TreeMap}: inserts, puts, updates and
 * deletes (in the tree's own mini-transactions or in a caller's, sometimes two in one), gets and
 * range scans in both directions, values from empty to a few MiB on overflow pages.
 *
 * <p>Keys start with {@code prefix}, so that several workloads (one per thread) can share a tree
 * and each check only its own key range. Every change is announced in {@link #intent} before the
 * tree sees it and applied to the model only once the tree call returned, so a test that cuts the
 * power in the middle knows which changes may or may not have happened.
 */
final class TreeWorkload {
  /** One change to the model: a value, or a delete when {@code value} is null. */
  record Change(byte[] key, byte[] value) {}

  private static final byte[] EMPTY = new byte[0];

  MiniTransactionFactory mtrs;
  final SplittableRandom rnd;
  final NavigableMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
  final List<byte[]> knownKeys = new ArrayList<>();
  final byte[] prefix;
  final int maxKey;
  final long hugeBudget;
  BTree tree;
  long op;
  long hugeBytes;

  /** Highest commit LSN of the mini-transactions this workload committed itself. */
  long callerCommitLsn;

  /** The changes of the operation in progress (empty when it changes nothing). */
  final List<Change> intent = new ArrayList<>();

  TreeWorkload(
      BTree tree, MiniTransactionFactory mtrs, SplittableRandom rnd, int prefix, long hugeBudget) {
    this.tree = tree;
    this.mtrs = mtrs;
    this.rnd = rnd;
    this.prefix = new byte[] {(byte) prefix};
    this.maxKey = BTree.maxKeyLength(tree.pageSize()) - 1;
    this.hugeBudget = hugeBudget;
  }

  /** One random operation; the shares are of inserts/puts and of deletes, the rest reads. */
  void step(double insertShare, double deleteShare) {
    op++;
    intent.clear();
    double r = rnd.nextDouble();
    if (r < insertShare) {
      insertOrPut();
    } else if (r < insertShare + deleteShare) {
      delete();
    } else {
      double q = rnd.nextDouble();
      if (q < 0.35) {
        update();
      } else if (q < 0.45) {
        twoInOneMiniTransaction();
      } else if (q < 0.8) {
        get();
      } else {
        scan();
      }
    }
  }

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
    byte[] full = new byte[k.length + 1];
    full[0] = prefix[0];
    System.arraycopy(k, 0, full, 1, k.length);
    return full;
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
    } else if (shape < 9_990) {
      len = 4_000 + rnd.nextInt(40_000);
    } else {
      len = (1 << 20) + rnd.nextInt(2 << 20);
      if (hugeBytes + len > hugeBudget) {
        len = 4_000 + rnd.nextInt(40_000);
      }
    }
    if (len == 0) {
      return EMPTY;
    }
    byte[] v = new byte[len];
    rnd.nextBytes(v);
    return v;
  }

  private void insertOrPut() {
    boolean existing = rnd.nextInt(10) == 0 && !map.isEmpty();
    byte[] k = existing ? existingKey() : newKey();
    byte[] v = newValue();
    boolean present = map.containsKey(k);
    int how = rnd.nextInt(3);
    if (how == 0 && present) {
      assertThrows(DuplicateKeyException.class, () -> tree.insert(k, v));
      return;
    }
    intent.add(new Change(k, v));
    if (how == 0) {
      tree.insert(k, v);
    } else if (how == 1) {
      assertThat(tree.put(k, v)).isEqualTo(present);
    } else {
      try (MiniTransaction mtr = mtrs.begin()) {
        assertThat(tree.put(mtr, k, v)).isEqualTo(present);
        commit(mtr);
      }
    }
    apply(intent);
  }

  private void update() {
    byte[] k = rnd.nextInt(5) == 0 ? newKey() : existingKey();
    byte[] v = newValue();
    boolean present = map.containsKey(k);
    if (present) {
      intent.add(new Change(k, v));
    }
    if (rnd.nextBoolean()) {
      assertThat(tree.update(k, v)).isEqualTo(present);
    } else {
      try (MiniTransaction mtr = mtrs.begin()) {
        assertThat(tree.update(mtr, k, v)).isEqualTo(present);
        commit(mtr);
      }
    }
    apply(intent);
  }

  private void delete() {
    byte[] k = rnd.nextInt(10) == 0 ? newKey() : existingKey();
    boolean present = map.containsKey(k);
    if (present) {
      intent.add(new Change(k, null));
    }
    boolean deleted;
    if (rnd.nextBoolean()) {
      deleted = tree.delete(k);
    } else {
      try (MiniTransaction mtr = mtrs.begin()) {
        deleted = tree.delete(mtr, k);
        commit(mtr);
      }
    }
    assertThat(deleted).isEqualTo(present);
    apply(intent);
  }

  /**
   * A put and a delete or second put in one caller's mini-transaction: the second may split or
   * write an overflow chain (nested mini-transactions) while the first one's latches are held.
   */
  private void twoInOneMiniTransaction() {
    byte[] k1 = newKey();
    byte[] v1 = newValue();
    byte[] k2 = rnd.nextBoolean() ? existingKey() : newKey();
    boolean delete = rnd.nextBoolean();
    byte[] v2 = delete ? null : newValue();
    if (Arrays.equals(k1, k2)) {
      return;
    }
    intent.add(new Change(k1, v1));
    if (!delete || map.containsKey(k2)) {
      intent.add(new Change(k2, v2));
    }
    try (MiniTransaction mtr = mtrs.begin()) {
      tree.put(mtr, k1, v1);
      if (delete) {
        assertThat(tree.delete(mtr, k2)).isEqualTo(map.containsKey(k2));
      } else {
        tree.put(mtr, k2, v2);
      }
      commit(mtr);
    }
    apply(intent);
  }

  private void commit(MiniTransaction mtr) {
    mtr.commit();
    callerCommitLsn = Math.max(callerCommitLsn, mtr.commitLsn());
  }

  /** Redo up to here makes every operation so far durable. */
  long lastCommitLsn() {
    return Math.max(callerCommitLsn, tree.lastCommitLsn());
  }

  /** Replaces the model (after recovery showed which changes survived). */
  void reset(NavigableMap<byte[], byte[]> contents) {
    map.clear();
    knownKeys.clear();
    hugeBytes = 0;
    for (Map.Entry<byte[], byte[]> e : contents.entrySet()) {
      apply(List.of(new Change(e.getKey(), e.getValue())));
    }
  }

  /** Applies changes to the model. */
  void apply(List<Change> changes) {
    for (Change c : changes) {
      byte[] old = c.value == null ? map.remove(c.key) : map.put(c.key, c.value);
      if (old == null && c.value != null) {
        knownKeys.add(c.key);
      }
      hugeBytes -= huge(old);
      hugeBytes += huge(c.value);
    }
  }

  private static long huge(byte[] v) {
    return v != null && v.length >= (1 << 20) ? v.length : 0;
  }

  private void get() {
    byte[] k = rnd.nextInt(4) == 0 ? newKey() : existingKey();
    assertThat(tree.get(k)).isEqualTo(map.get(k));
  }

  private void scan() {
    byte[] from = rnd.nextInt(8) == 0 ? null : randomBound();
    byte[] to = rnd.nextInt(8) == 0 ? null : randomBound();
    if (from != null && to != null && Arrays.compareUnsigned(from, to) > 0) {
      byte[] t = from;
      from = to;
      to = t;
    }
    boolean fromInc = rnd.nextBoolean();
    boolean toInc = rnd.nextBoolean();
    if (from == null) {
      // This workload's range only: other workloads may share the tree.
      from = prefix;
      fromInc = true;
    }
    if (to == null) {
      to = new byte[] {(byte) (prefix[0] + 1)};
      toInc = false;
    }
    boolean asc = rnd.nextBoolean();
    NavigableMap<byte[], byte[]> sub = map.subMap(from, fromInc, to, toInc);
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

  private byte[] randomBound() {
    byte[] k = rnd.nextBoolean() ? existingKey() : newKey();
    if (k.length > 2 && rnd.nextInt(4) == 0) {
      k = Arrays.copyOf(k, 2 + rnd.nextInt(k.length - 2)); // a prefix
    }
    return k;
  }

  /** The tree is sound and holds exactly the model (when the tree holds only this workload). */
  void verify() {
    VerifyReport report = tree.verify();
    assertThat(report.problems()).as(report.toString()).isEmpty();
    assertThat(report.records()).isEqualTo(map.size());
    assertThat(tree.count()).isEqualTo(map.size());
  }

  /** Every record of this workload's key range, in order, equals the model. */
  void compareRange() {
    assertThat(equalsModel(read(tree, prefix))).as("tree contents equal the model").isTrue();
  }

  boolean equalsModel(NavigableMap<byte[], byte[]> actual) {
    return sameContents(actual, map);
  }

  /** Reads every record whose key starts with {@code prefix}. */
  static NavigableMap<byte[], byte[]> read(BTree tree, byte[] prefix) {
    NavigableMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
    byte[] end = new byte[] {(byte) (prefix[0] + 1)};
    try (BTreeCursor c = tree.scan(prefix, true, end, false, true)) {
      while (c.next()) {
        out.put(c.key(), c.value());
      }
    }
    return out;
  }

  static boolean sameContents(Map<byte[], byte[]> a, NavigableMap<byte[], byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<byte[], byte[]> e : a.entrySet()) {
      byte[] v = b.get(e.getKey());
      if (v == null || !Arrays.equals(v, e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
