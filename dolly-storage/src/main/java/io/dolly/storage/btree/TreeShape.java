package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;

/**
 * Structure changes of one tree: inserting a record into a node with splits that propagate up the
 * {@link Descent}, root splits that keep the root page number (the root's content is copied into a
 * new child first), merging under-full leaves and internal nodes with a sibling, removing empty
 * nodes and collapsing a root with a single child. All changes go to the mini-transaction the
 * caller passes; one split (with all its parent updates) is thereby one atomic unit of redo.
 *
 * <p>Callers that may change structure hold the root exclusively latched (a pessimistic descent),
 * so latching a sibling to the left here cannot deadlock: nobody else is inside the tree.
 */
final class TreeShape {
  private final int spaceId;
  private final int rootPageNo;

  TreeShape(int spaceId, int rootPageNo) {
    this.spaceId = spaceId;
    this.rootPageNo = rootPageNo;
  }

  /** Inserts a full record image at slot {@code pos} of the node at {@code depth}. */
  void insert(MiniTransaction mtr, Descent path, int depth, int pos, byte[] record) {
    PageHandle p = path.pages[depth];
    if (record.length + Node.SLOT_SIZE <= Node.totalFree(p)) {
      int rec = Node.reserve(p, pos, record.length);
      p.putBytes(rec, record, 0, record.length);
      return;
    }
    if (depth == 0) {
      path.insertBelowRoot(copyDownRoot(mtr, path.pages[0]));
      depth = 1;
      p = path.pages[1];
    }
    split(mtr, path, depth, p, pos, record);
  }

  private PageHandle copyDownRoot(MiniTransaction mtr, PageHandle root) {
    PageHandle child = mtr.allocatePage(spaceId, PageType.BTREE_NODE);
    copyBody(root, child);
    Node.init(root, Node.level(child) + 1, rootPageNo);
    root.putInt(Node.LEFTMOST_CHILD, child.pageNo());
    return child;
  }

  private static void copyBody(PageHandle from, PageHandle to) {
    int start = PageHeader.BODY_START;
    byte[] body = new byte[from.pageSize() - start];
    from.getBytes(start, body, 0, body.length);
    to.putBytes(start, body, 0, body.length);
  }

  private void split(
      MiniTransaction mtr, Descent path, int depth, PageHandle p, int pos, byte[] record) {
    int n = Node.count(p);
    byte[][] images = new byte[n + 1][];
    for (int i = 0; i < pos; i++) {
      images[i] = Node.recordImage(p, i);
    }
    images[pos] = record;
    for (int i = pos; i < n; i++) {
      images[i + 1] = Node.recordImage(p, i);
    }
    boolean leaf = Node.isLeaf(p);
    int m = splitPoint(images, pos, leaf, Node.next(p) == PageHeader.NULL_PAGE, Node.prev(p));
    PageHandle right = mtr.allocatePage(spaceId, PageType.BTREE_NODE);
    Node.init(right, Node.level(p), rootPageNo);
    byte[] separator;
    if (leaf) {
      Node.rewrite(p, images, 0, m);
      Node.rewrite(right, images, m, n + 1 - m);
      separator = shortestSeparator(Node.imageKey(images[m - 1]), Node.imageKey(images[m]));
    } else {
      Node.rewrite(p, images, 0, m);
      right.putInt(Node.LEFTMOST_CHILD, Node.imageAux(images[m]));
      Node.rewrite(right, images, m + 1, n - m);
      separator = Node.imageKey(images[m]);
    }
    int oldNext = Node.next(p);
    right.putInt(Node.PREV, p.pageNo());
    right.putInt(Node.NEXT, oldNext);
    p.putInt(Node.NEXT, right.pageNo());
    if (oldNext != PageHeader.NULL_PAGE) {
      mtr.writePage(spaceId, oldNext).putInt(Node.PREV, right.pageNo());
    }
    insert(
        mtr,
        path,
        depth - 1,
        path.childIndex[depth] + 1,
        Node.internalRecord(separator, right.pageNo()));
  }

  /**
   * Records {@code [0, m)} stay left. A leaf keeps at least one record on each side; an internal
   * node pushes record {@code m} up. Appends at the right edge (and prepends at the left edge) of a
   * level split at the new record so that sequential inserts leave full pages behind, as InnoDB
   * does.
   */
  private static int splitPoint(
      byte[][] images, int pos, boolean leaf, boolean rightmost, int prevPage) {
    int n = images.length - 1;
    if (pos == n && rightmost) {
      return n;
    }
    if (leaf && pos == 0 && prevPage == PageHeader.NULL_PAGE) {
      return 1;
    }
    long total = 0;
    for (byte[] r : images) {
      total += r.length + Node.SLOT_SIZE;
    }
    long acc = 0;
    int m = 0;
    while (m < n && acc + images[m].length + Node.SLOT_SIZE <= total / 2) {
      acc += images[m].length + Node.SLOT_SIZE;
      m++;
    }
    return leaf ? Math.clamp(m, 1, n) : Math.clamp(m, 0, n);
  }

  /** The shortest key {@code s} with {@code left < s <= right} (suffix truncation). */
  static byte[] shortestSeparator(byte[] left, byte[] right) {
    int common = java.util.Arrays.mismatch(left, right);
    if (common < 0 || common >= right.length) {
      return right;
    }
    return java.util.Arrays.copyOf(right, common + 1);
  }

  /**
   * After a delete from the leaf at the end of {@code path}: frees the leaf if it is empty, or
   * merges it with a sibling under the same parent when both fit comfortably in one page.
   */
  void afterDelete(MiniTransaction mtr, Descent path) {
    int depth = path.depth;
    if (depth == 0) {
      return;
    }
    PageHandle leaf = path.pages[depth];
    if (Node.count(leaf) == 0) {
      unlinkAndFree(mtr, leaf);
      removeEntry(mtr, path, depth - 1, path.childIndex[depth]);
      return;
    }
    int usable = Node.usable(leaf.pageSize());
    if (used(leaf) >= usable / 4) {
      return;
    }
    PageHandle parent = path.pages[depth - 1];
    int ci = path.childIndex[depth];
    int limit = usable * 3 / 4;
    if (ci + 1 < Node.count(parent)) {
      PageHandle right = mtr.writePage(spaceId, Node.child(parent, ci + 1));
      if (used(leaf) + used(right) <= limit) {
        append(leaf, right);
        unlinkAndFree(mtr, right);
        removeEntry(mtr, path, depth - 1, ci + 1);
        return;
      }
    }
    if (ci >= 0) {
      PageHandle left = mtr.writePage(spaceId, Node.childAt(parent, ci - 1));
      if (used(leaf) + used(left) <= limit) {
        append(left, leaf);
        unlinkAndFree(mtr, leaf);
        removeEntry(mtr, path, depth - 1, ci);
      }
    }
  }

  private static int used(PageHandle p) {
    return Node.usable(p.pageSize()) - Node.totalFree(p);
  }

  /** Moves every record of {@code right} to the end of {@code left}. */
  private static void append(PageHandle left, PageHandle right) {
    append(left, null, right);
  }

  /** Moves {@code middle} (if any) and every record of {@code right} to the end of {@code left}. */
  private static void append(PageHandle left, byte[] middle, PageHandle right) {
    int nl = Node.count(left);
    int nm = middle == null ? 0 : 1;
    int nr = Node.count(right);
    byte[][] images = new byte[nl + nm + nr][];
    for (int i = 0; i < nl; i++) {
      images[i] = Node.recordImage(left, i);
    }
    if (middle != null) {
      images[nl] = middle;
    }
    for (int i = 0; i < nr; i++) {
      images[nl + nm + i] = Node.recordImage(right, i);
    }
    Node.rewrite(left, images, 0, images.length);
  }

  private void unlinkAndFree(MiniTransaction mtr, PageHandle node) {
    int prev = Node.prev(node);
    int next = Node.next(node);
    if (prev != PageHeader.NULL_PAGE) {
      mtr.writePage(spaceId, prev).putInt(Node.NEXT, next);
    }
    if (next != PageHeader.NULL_PAGE) {
      mtr.writePage(spaceId, next).putInt(Node.PREV, prev);
    }
    mtr.freePage(spaceId, node.pageNo());
  }

  /** Child {@code ci} of the node at {@code depth} has been freed: drop its entry. */
  private void removeEntry(MiniTransaction mtr, Descent path, int depth, int ci) {
    PageHandle parent = path.pages[depth];
    if (ci >= 0) {
      Node.remove(parent, ci);
    } else if (Node.count(parent) > 0) {
      parent.putInt(Node.LEFTMOST_CHILD, Node.child(parent, 0));
      Node.remove(parent, 0);
    } else if (depth == 0) {
      Node.init(parent, 0, rootPageNo); // the tree is empty again
      return;
    } else {
      unlinkAndFree(mtr, parent);
      removeEntry(mtr, path, depth - 1, path.childIndex[depth]);
      return;
    }
    if (depth == 0) {
      collapseRoot(mtr, parent);
    } else {
      mergeInternal(mtr, path, depth);
    }
  }

  /**
   * Merges an under-full internal node with a sibling under the same parent, pulling the parent's
   * separator down between them (it becomes the key of the right node's leftmost child).
   */
  private void mergeInternal(MiniTransaction mtr, Descent path, int depth) {
    PageHandle node = path.pages[depth];
    int usable = Node.usable(node.pageSize());
    if (used(node) >= usable / 4) {
      return;
    }
    PageHandle parent = path.pages[depth - 1];
    int ci = path.childIndex[depth];
    int limit = usable * 3 / 4;
    if (ci + 1 < Node.count(parent)) {
      PageHandle right = mtr.writePage(spaceId, Node.child(parent, ci + 1));
      byte[] separator = Node.internalRecord(Node.key(parent, ci + 1), Node.leftmostChild(right));
      if (used(node) + used(right) + separator.length + Node.SLOT_SIZE <= limit) {
        append(node, separator, right);
        unlinkAndFree(mtr, right);
        removeEntry(mtr, path, depth - 1, ci + 1);
        return;
      }
    }
    if (ci >= 0) {
      PageHandle left = mtr.writePage(spaceId, Node.childAt(parent, ci - 1));
      byte[] separator = Node.internalRecord(Node.key(parent, ci), Node.leftmostChild(node));
      if (used(node) + used(left) + separator.length + Node.SLOT_SIZE <= limit) {
        append(left, separator, node);
        unlinkAndFree(mtr, node);
        removeEntry(mtr, path, depth - 1, ci);
      }
    }
  }

  /** While the root has a single child, copies that child up into the root page. */
  private void collapseRoot(MiniTransaction mtr, PageHandle root) {
    while (Node.level(root) > 0 && Node.count(root) == 0) {
      PageHandle child = mtr.writePage(spaceId, Node.leftmostChild(root));
      copyBody(child, root);
      mtr.freePage(spaceId, child.pageNo());
    }
  }
}
