package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a whole tree and checks: page types and owners; one leaf level; keys strictly ascending
 * within a node, across leaves, and inside the bounds set by the parent's separators; sibling links
 * consistent both ways on every level; slot directory, heap size and garbage accounting; overflow
 * chains of the right type and length; no page reachable twice. Stops collecting after {@link
 * #MAX_PROBLEMS} problems.
 *
 * <p>Consistency without pinning the whole tree: the walk holds the root page exclusively for its
 * whole duration (the root latch is the tree latch, so no reader or writer is inside the tree) and
 * reads every other page in a short mini-transaction of its own, one page at a time. So it works on
 * a tree many times larger than the buffer pool.
 */
final class TreeVerifier {
  private static final int MAX_PROBLEMS = 100;

  private final MiniTransaction mtr;
  private final MiniTransactionFactory pageReads;
  private PageHandle root;
  private final int spaceId;
  private final int rootPageNo;
  private final List<String> problems = new ArrayList<>();
  private final Set<Integer> seen = new HashSet<>();
  private final List<List<int[]>> levels = new ArrayList<>();
  private byte[] lastLeafKey;
  private long records;
  private int internalPages;
  private int leafPages;
  private int overflowPages;
  private int leafLevel = -1;

  /**
   * {@code mtr} latches the root exclusively and keeps it until the caller closes it; {@code
   * pageReads} reads the other pages (nested in the same thread).
   */
  TreeVerifier(MiniTransaction mtr, MiniTransactionFactory pageReads, int spaceId, int rootPageNo) {
    this.mtr = mtr;
    this.pageReads = pageReads;
    this.spaceId = spaceId;
    this.rootPageNo = rootPageNo;
  }

  VerifyReport run() {
    int height = walk();
    checkSiblings();
    return new VerifyReport(problems, height, records, internalPages, leafPages, overflowPages);
  }

  int[] pages() {
    walk();
    return seen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private int walk() {
    root = mtr.writePage(spaceId, rootPageNo);
    int height = Node.level(root) + 1;
    for (int i = 0; i < height; i++) {
      levels.add(new ArrayList<>());
    }
    visit(rootPageNo, -1, null, null);
    return height;
  }

  private void problem(String s) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(s);
    }
  }

  /** What a node's check leaves to do once its latch is released. */
  private record Inspected(int level, byte[][] keys, int[] children, List<int[]> chains) {}

  private <T> T read(int pageNo, Function<PageHandle, T> check) {
    if (pageNo == rootPageNo) {
      return check.apply(root);
    }
    try (MiniTransaction m = pageReads.begin()) {
      return check.apply(m.readPage(spaceId, pageNo));
    }
  }

  private void visit(int pageNo, int expectedLevel, byte[] lo, byte[] hi) {
    if (!seen.add(pageNo)) {
      problem("page " + pageNo + " reachable twice");
      return;
    }
    Inspected node = read(pageNo, p -> inspect(p, pageNo, expectedLevel, lo, hi));
    if (node == null) {
      return;
    }
    for (int[] chain : node.chains) {
      checkChain(pageNo, chain[0], chain[1], chain[2]);
    }
    if (node.level == 0) {
      return;
    }
    byte[][] keys = node.keys;
    int n = keys.length;
    visit(node.children[0], node.level - 1, lo, n > 0 ? keys[0] : hi);
    for (int i = 0; i < n; i++) {
      visit(node.children[i + 1], node.level - 1, keys[i], i + 1 < n ? keys[i + 1] : hi);
    }
  }

  private Inspected inspect(PageHandle p, int pageNo, int expectedLevel, byte[] lo, byte[] hi) {
    if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.BTREE_NODE) {
      problem("page " + pageNo + " is not a B-tree node");
      return null;
    }
    if (Node.rootOf(p) != rootPageNo) {
      problem("page " + pageNo + " belongs to root " + Node.rootOf(p));
    }
    int level = Node.level(p);
    if (expectedLevel >= 0 && level != expectedLevel) {
      problem("page " + pageNo + " has level " + level + ", expected " + expectedLevel);
      return null;
    }
    if (level >= levels.size()) {
      problem("page " + pageNo + " level " + level + " above the root's");
      return null;
    }
    levels.get(level).add(new int[] {pageNo, Node.prev(p), Node.next(p)});
    boolean leaf = level == 0;
    int n = Node.count(p);
    if (!checkHeap(p, n, leaf)) {
      return null;
    }
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      keys[i] = Node.key(p, i);
      if (i > 0 && Arrays.compareUnsigned(keys[i - 1], keys[i]) >= 0) {
        problem("page " + pageNo + ": keys " + (i - 1) + " and " + i + " out of order");
      }
      if (lo != null && Arrays.compareUnsigned(keys[i], lo) < 0) {
        problem("page " + pageNo + ": key " + i + " below its parent's separator");
      }
      if (hi != null && Arrays.compareUnsigned(keys[i], hi) >= 0) {
        problem("page " + pageNo + ": key " + i + " not below the next separator");
      }
    }
    List<int[]> chains = new ArrayList<>();
    if (leaf) {
      leafPages++;
      records += n;
      if (n == 0 && pageNo != rootPageNo) {
        problem("leaf " + pageNo + " is empty");
      }
      if (n > 0) {
        if (lastLeafKey != null && Arrays.compareUnsigned(lastLeafKey, keys[0]) >= 0) {
          problem("leaf " + pageNo + " starts at or below the previous leaf's last key");
        }
        lastLeafKey = keys[n - 1];
      }
      for (int i = 0; i < n; i++) {
        int[] chain = overflowReference(p, i);
        if (chain != null) {
          chains.add(chain);
        }
      }
      return new Inspected(level, keys, null, chains);
    }
    internalPages++;
    int[] children = new int[n + 1];
    children[0] = Node.leftmostChild(p);
    for (int i = 0; i < n; i++) {
      children[i + 1] = Node.child(p, i);
    }
    return new Inspected(level, keys, children, chains);
  }

  /** False when the slots are too broken to read the records. */
  private boolean checkHeap(PageHandle p, int n, boolean leaf) {
    int pageSize = p.pageSize();
    int heapTop = Node.heapTop(p);
    if (Node.SLOTS + Node.SLOT_SIZE * n > heapTop) {
      problem("page " + p.pageNo() + ": slot directory overlaps the heap");
      return false;
    }
    int[][] extents = new int[n][];
    long live = 0;
    for (int i = 0; i < n; i++) {
      int rec = Node.slot(p, i);
      if (rec < heapTop || rec + Node.REC_HEADER > pageSize) {
        problem("page " + p.pageNo() + ": slot " + i + " points outside the heap");
        return false;
      }
      int size = Node.recordSize(p, rec, leaf);
      if (rec + size > pageSize) {
        problem("page " + p.pageNo() + ": record " + i + " runs past the page end");
        return false;
      }
      extents[i] = new int[] {rec, size};
      live += size;
    }
    Arrays.sort(extents, (a, b) -> Integer.compare(a[0], b[0]));
    for (int i = 1; i < n; i++) {
      if (extents[i - 1][0] + extents[i - 1][1] > extents[i][0]) {
        problem("page " + p.pageNo() + ": records overlap");
      }
    }
    if (live + Node.garbage(p) != Node.heapSize(p)) {
      problem(
          "page "
              + p.pageNo()
              + ": heap size "
              + Node.heapSize(p)
              + " != live "
              + live
              + " + garbage "
              + Node.garbage(p));
    }
    return true;
  }

  /** {record, total length, first page} of an overflow value, or null for a value kept inline. */
  private int[] overflowReference(PageHandle leaf, int i) {
    int rec = Node.slot(leaf, i);
    int aux = Node.aux(leaf, rec);
    if ((aux & Node.OVERFLOW_FLAG) == 0) {
      return null;
    }
    if (aux != (Node.OVERFLOW_FLAG | Node.OVERFLOW_REF_SIZE)) {
      problem("leaf " + leaf.pageNo() + " record " + i + ": bad overflow reference");
      return null;
    }
    int at = rec + Node.REC_KEY + Node.keyLength(leaf, rec);
    return new int[] {i, leaf.getInt(at), leaf.getInt(at + 4)};
  }

  private void checkChain(int leafPageNo, int i, int total, int firstPage) {
    int pageNo = firstPage;
    long sum = 0;
    while (pageNo != PageHeader.NULL_PAGE) {
      if (!seen.add(pageNo)) {
        problem("overflow page " + pageNo + " reachable twice");
        return;
      }
      overflowPages++;
      int at = pageNo;
      int[] lengthAndNext =
          read(
              pageNo,
              p -> {
                if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.OVERFLOW) {
                  problem("page " + at + " in an overflow chain is not an overflow page");
                  return null;
                }
                return new int[] {p.getInt(OverflowChain.LENGTH), p.getInt(OverflowChain.NEXT)};
              });
      if (lengthAndNext == null) {
        return;
      }
      int len = lengthAndNext[0];
      if (len <= 0 || len > OverflowChain.capacity(root.pageSize())) {
        problem("overflow page " + pageNo + " holds " + len + " bytes");
        return;
      }
      sum += len;
      pageNo = lengthAndNext[1];
    }
    if (sum != total) {
      problem("leaf " + leafPageNo + " record " + i + ": chain has " + sum + " of " + total);
    }
  }

  private void checkSiblings() {
    for (int level = 0; level < levels.size(); level++) {
      List<int[]> nodes = levels.get(level);
      for (int i = 0; i < nodes.size(); i++) {
        int[] node = nodes.get(i);
        int prev = i > 0 ? nodes.get(i - 1)[0] : PageHeader.NULL_PAGE;
        int next = i + 1 < nodes.size() ? nodes.get(i + 1)[0] : PageHeader.NULL_PAGE;
        if (node[1] != prev || node[2] != next) {
          problem(
              "page "
                  + node[0]
                  + " (level "
                  + level
                  + ") links prev="
                  + node[1]
                  + " next="
                  + node[2]
                  + ", expected "
                  + prev
                  + " and "
                  + next);
        }
      }
    }
  }
}
