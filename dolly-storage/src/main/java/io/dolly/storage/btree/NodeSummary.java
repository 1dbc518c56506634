package io.dolly.storage.btree;

import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;

/**
 * The header fields of a B-tree node page, for the inspect tool and error messages.
 *
 * @param freeBytes bytes available for new records after a compaction
 * @param garbage bytes of deleted records not yet compacted away
 */
public record NodeSummary(
    int pageNo,
    int level,
    int records,
    int freeBytes,
    int garbage,
    int prevPage,
    int nextPage,
    int leftmostChild,
    int rootPageNo) {

  /** Reads the summary of a node page; refuses pages of another type. */
  public static NodeSummary of(PageHandle page) {
    if ((page.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.BTREE_NODE) {
      throw new CorruptTreeException(page.spaceId(), page.pageNo(), "not a B-tree node");
    }
    return new NodeSummary(
        page.pageNo(),
        Node.level(page),
        Node.count(page),
        Node.totalFree(page),
        Node.garbage(page),
        Node.prev(page),
        Node.next(page),
        Node.isLeaf(page) ? PageHeader.NULL_PAGE : Node.leftmostChild(page),
        Node.rootOf(page));
  }

  /** The first key stored on the page, or null if it is empty (for dumps). */
  public static byte[] firstKey(PageHandle page) {
    return Node.count(page) == 0 ? null : Node.key(page, 0);
  }
}
