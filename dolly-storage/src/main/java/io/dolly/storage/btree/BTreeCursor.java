package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import java.util.ArrayList;
import java.util.NoSuchElementException;

/**
 * A range scan. It reads a batch of matching records (at most the rest of one leaf) per
 * mini-transaction, copying keys and values out, then releases every latch; the next batch descends
 * again from the root to the first key after the last one returned. So a scan never holds latches
 * between calls, sees every key that stays in the tree during the scan exactly once, and survives
 * concurrent splits and merges. Within one batch it may step to a sibling leaf under shared
 * latches, in either direction: a writer that latches more than one leaf always holds the root
 * exclusively first, so it cannot be inside the tree at the same time.
 */
public final class BTreeCursor implements AutoCloseable {
  /** Leaves counted per mini-transaction by {@link BTree#count()}. */
  private static final int LEAVES_PER_COUNT_BATCH = 16;

  /**
   * Records copied by the first batch: small, because many scans stop after a row or two (a unique
   * lookup through a secondary index, LIMIT 1); later batches grow up to {@link #MAX_BATCH}.
   */
  private static final int FIRST_BATCH = 8;

  private static final int MAX_BATCH = 1024;

  private final BTree tree;
  private final byte[] from;
  private final boolean fromInclusive;
  private final byte[] to;
  private final boolean toInclusive;
  private final boolean ascending;
  private final byte[] scratch;
  private final ArrayList<byte[]> keys = new ArrayList<>();
  private final ArrayList<byte[]> values = new ArrayList<>();
  private int index;
  private byte[] resume;
  private boolean exhausted;
  private long leafCount;
  private int batchLimit = FIRST_BATCH;

  BTreeCursor(
      BTree tree,
      byte[] from,
      boolean fromInclusive,
      byte[] to,
      boolean toInclusive,
      boolean ascending) {
    this.tree = tree;
    this.from = from == null ? null : from.clone();
    this.fromInclusive = fromInclusive;
    this.to = to == null ? null : to.clone();
    this.toInclusive = toInclusive;
    this.ascending = ascending;
    int longest = Math.max(from == null ? 0 : from.length, to == null ? 0 : to.length);
    this.scratch = new byte[Math.max(longest, BTree.maxKeyLength(tree.pageSize()))];
  }

  /** Moves to the next record in scan order; false when the range is exhausted. */
  public boolean next() {
    index++;
    if (index < keys.size()) {
      return true;
    }
    if (exhausted) {
      return false;
    }
    fill();
    return index < keys.size();
  }

  public byte[] key() {
    check();
    return keys.get(index);
  }

  public byte[] value() {
    check();
    return values.get(index);
  }

  private void check() {
    if (index < 0 || index >= keys.size()) {
      throw new NoSuchElementException("cursor is not on a record");
    }
  }

  @Override
  public void close() {
    keys.clear();
    values.clear();
    exhausted = true;
  }

  private void fill() {
    keys.clear();
    values.clear();
    index = 0;
    boolean started = resume != null;
    byte[] bound = started ? resume : (ascending ? from : to);
    boolean inclusive = !started && (ascending ? fromInclusive : toInclusive);
    try (MiniTransaction mtr = tree.miniTransactions().begin()) {
      PageHandle leaf = tree.descendShared(mtr, bound, ascending ? -1 : 1, scratch);
      int pos = startPosition(leaf, bound, inclusive);
      scan:
      while (true) {
        int n = Node.count(leaf);
        while (ascending ? pos < n : pos >= 0) {
          if (outOfRange(leaf, pos)) {
            exhausted = true;
            break scan;
          }
          if (keys.size() >= batchLimit) {
            break scan;
          }
          keys.add(Node.key(leaf, pos));
          values.add(tree.value(mtr, leaf, pos));
          pos += ascending ? 1 : -1;
        }
        int sibling = ascending ? Node.next(leaf) : Node.prev(leaf);
        if (sibling == PageHeader.NULL_PAGE) {
          exhausted = true;
          break;
        }
        if (!keys.isEmpty()) {
          break;
        }
        leaf = mtr.readPage(tree.spaceId(), sibling);
        BTree.checkNode(leaf, tree.rootPageNo(), 0);
        pos = ascending ? 0 : Node.count(leaf) - 1;
      }
    }
    batchLimit = Math.min(MAX_BATCH, batchLimit * 4);
    if (!keys.isEmpty()) {
      resume = keys.get(keys.size() - 1);
    }
  }

  private int startPosition(PageHandle leaf, byte[] bound, boolean inclusive) {
    int n = Node.count(leaf);
    if (bound == null) {
      return ascending ? 0 : n - 1;
    }
    int s = Node.search(leaf, bound, scratch);
    if (ascending) {
      return s >= 0 ? (inclusive ? s : s + 1) : -s - 1;
    }
    return s >= 0 ? (inclusive ? s : s - 1) : -s - 2;
  }

  private boolean outOfRange(PageHandle leaf, int pos) {
    byte[] limit = ascending ? to : from;
    if (limit == null) {
      return false;
    }
    int c = Node.compare(leaf, Node.slot(leaf, pos), limit, scratch); // sign of (limit - key)
    if (ascending) {
      return c < 0 || (c == 0 && !toInclusive);
    }
    return c > 0 || (c == 0 && !fromInclusive);
  }

  /**
   * Counting without copying records: advances over up to {@link #LEAVES_PER_COUNT_BATCH} leaves
   * per mini-transaction, ignoring the bounds; false when done.
   */
  boolean nextLeafCount() {
    if (exhausted) {
      return false;
    }
    leafCount = 0;
    try (MiniTransaction mtr = tree.miniTransactions().begin()) {
      PageHandle leaf = tree.descendShared(mtr, resume, -1, scratch);
      int pos = startPosition(leaf, resume, false);
      for (int i = 0; ; i++) {
        int n = Node.count(leaf);
        leafCount += Math.max(0, n - pos);
        if (n > 0) {
          resume = Node.key(leaf, n - 1);
        }
        int next = Node.next(leaf);
        if (next == PageHeader.NULL_PAGE) {
          exhausted = true;
          break;
        }
        if (i + 1 >= LEAVES_PER_COUNT_BATCH) {
          break;
        }
        leaf = mtr.readPage(tree.spaceId(), next);
        BTree.checkNode(leaf, tree.rootPageNo(), 0);
        pos = 0;
      }
    }
    return true;
  }

  long leafCount() {
    return leafCount;
  }
}
