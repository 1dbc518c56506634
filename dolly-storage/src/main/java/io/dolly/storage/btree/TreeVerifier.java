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

/**
 * Walks a whole tree under shared latches in one mini-transaction and checks: page types and
 * owners; one leaf level; keys strictly ascending within a node, across leaves, and inside the
 * bounds set by the parent's separators; sibling links consistent both ways on every level; slot
 * directory, heap size and garbage accounting; overflow chains of the right type and length; no
 * page reachable twice. Stops collecting after {@link #MAX_PROBLEMS} problems.
 *
 * <p>It latches every page of the tree at once, which suits tests and CHECK TABLE on trees that fit
 * the buffer pool; a batched walk is the next step for larger ones.
 */
final class TreeVerifier {
  private static final int MAX_PROBLEMS = 100;

  private final MiniTransaction mtr;
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

  TreeVerifier(MiniTransaction mtr, int spaceId, int rootPageNo) {
    this.mtr = mtr;
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
    PageHandle root = mtr.readPage(spaceId, rootPageNo);
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

  private void visit(int pageNo, int expectedLevel, byte[] lo, byte[] hi) {
    if (!seen.add(pageNo)) {
      problem("page " + pageNo + " reachable twice");
      return;
    }
    PageHandle p = mtr.readPage(spaceId, pageNo);
    if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.BTREE_NODE) {
      problem("page " + pageNo + " is not a B-tree node");
      return;
    }
    if (Node.rootOf(p) != rootPageNo) {
      problem("page " + pageNo + " belongs to root " + Node.rootOf(p));
    }
    int level = Node.level(p);
    if (expectedLevel >= 0 && level != expectedLevel) {
      problem("page " + pageNo + " has level " + level + ", expected " + expectedLevel);
      return;
    }
    if (level >= levels.size()) {
      problem("page " + pageNo + " level " + level + " above the root's");
      return;
    }
    levels.get(level).add(new int[] {pageNo, Node.prev(p), Node.next(p)});
    boolean leaf = level == 0;
    int n = Node.count(p);
    checkHeap(p, n, leaf);
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
        checkValue(p, i);
      }
      return;
    }
    internalPages++;
    visit(Node.leftmostChild(p), level - 1, lo, n > 0 ? keys[0] : hi);
    for (int i = 0; i < n; i++) {
      visit(Node.child(p, i), level - 1, keys[i], i + 1 < n ? keys[i + 1] : hi);
    }
  }

  private void checkHeap(PageHandle p, int n, boolean leaf) {
    int pageSize = p.pageSize();
    int heapTop = Node.heapTop(p);
    if (Node.SLOTS + Node.SLOT_SIZE * n > heapTop) {
      problem("page " + p.pageNo() + ": slot directory overlaps the heap");
      return;
    }
    int[][] extents = new int[n][];
    long live = 0;
    for (int i = 0; i < n; i++) {
      int rec = Node.slot(p, i);
      if (rec < heapTop || rec + Node.REC_HEADER > pageSize) {
        problem("page " + p.pageNo() + ": slot " + i + " points outside the heap");
        return;
      }
      int size = Node.recordSize(p, rec, leaf);
      if (rec + size > pageSize) {
        problem("page " + p.pageNo() + ": record " + i + " runs past the page end");
        return;
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
  }

  private void checkValue(PageHandle leaf, int i) {
    int rec = Node.slot(leaf, i);
    int aux = Node.aux(leaf, rec);
    if ((aux & Node.OVERFLOW_FLAG) == 0) {
      return;
    }
    if (aux != (Node.OVERFLOW_FLAG | Node.OVERFLOW_REF_SIZE)) {
      problem("leaf " + leaf.pageNo() + " record " + i + ": bad overflow reference");
      return;
    }
    int at = rec + Node.REC_KEY + Node.keyLength(leaf, rec);
    long total = leaf.getInt(at);
    int pageNo = leaf.getInt(at + 4);
    long sum = 0;
    while (pageNo != PageHeader.NULL_PAGE) {
      if (!seen.add(pageNo)) {
        problem("overflow page " + pageNo + " reachable twice");
        return;
      }
      overflowPages++;
      PageHandle p = mtr.readPage(spaceId, pageNo);
      if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.OVERFLOW) {
        problem("page " + pageNo + " in an overflow chain is not an overflow page");
        return;
      }
      int len = p.getInt(OverflowChain.LENGTH);
      if (len <= 0 || len > OverflowChain.capacity(p.pageSize())) {
        problem("overflow page " + pageNo + " holds " + len + " bytes");
        return;
      }
      sum += len;
      pageNo = p.getInt(OverflowChain.NEXT);
    }
    if (sum != total) {
      problem("leaf " + leaf.pageNo() + " record " + i + ": chain has " + sum + " of " + total);
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
