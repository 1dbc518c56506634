package io.dolly.storage.btree;

import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;

/**
 * The root-to-leaf path of one operation: the latched page at each depth and which child of its
 * parent it is (-1 for the leftmost child). Splits walk it upwards.
 */
final class Descent {
  static final int MAX_HEIGHT = 32;

  final PageHandle[] pages = new PageHandle[MAX_HEIGHT + 1];
  final int[] childIndex = new int[MAX_HEIGHT + 1];
  int depth;

  /** First page of an overflow chain a replace or delete unlinked, or NULL_PAGE. */
  int releasedChain = PageHeader.NULL_PAGE;

  PageHandle leaf() {
    return pages[depth];
  }

  /** Makes room for a new node below the root (a root split copies the root down). */
  void insertBelowRoot(PageHandle node) {
    if (depth + 1 > MAX_HEIGHT) {
      throw new IllegalStateException("B-tree higher than " + MAX_HEIGHT);
    }
    System.arraycopy(pages, 1, pages, 2, depth);
    System.arraycopy(childIndex, 1, childIndex, 2, depth);
    pages[1] = node;
    childIndex[1] = -1;
    depth++;
  }
}
