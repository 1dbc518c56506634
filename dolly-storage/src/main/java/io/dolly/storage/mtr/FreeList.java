package io.dolly.storage.mtr;

import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.space.SpaceHeader;
import io.dolly.storage.space.TablespaceRegistry;
import java.util.List;

/**
 * Page allocation and release on a tablespace's space header (page 0), each in a short
 * mini-transaction of its own that latches page 0 and at most the free pages it links or unlinks,
 * and commits before returning.
 *
 * <p>Why not in the caller's mini-transaction: that would keep page 0 latched until the caller
 * commits, and page 0 is the one latch every writer of the space may need after it already holds
 * tree pages. Two trees of one space written in one caller mini-transaction (clustered index, then
 * secondary) would then wait on each other (A holds the clustered path and page 0, B holds the
 * secondary root and waits for page 0). Worse, a B-tree writes overflow chains in mini-transactions
 * nested inside the caller's: latches are reentrant per thread, so the nested one would get page 0
 * again, commit its header change with a lower LSN than the caller's still-open one, and the
 * caller's later redo (physical values computed before) would overwrite it on replay, or its
 * rollback would erase it. Holding page 0 only inside this class, never while waiting for any other
 * latch than a page off the free list (which no one else can hold), makes it a leaf in the latch
 * order: no cycle can go through it.
 *
 * <p>The price: an allocation is durable on its own. If the caller never commits, {@link
 * LoggedMiniTransaction#close()} gives its pages back; if the server crashes first, they are leaked
 * (typed as whatever they were, on no list), never referenced twice. Releases happen after the
 * freeing mini-transaction committed, so a freed page is never handed out while a not yet committed
 * change still points to it; a crash in between leaks the page too.
 */
final class FreeList {
  private FreeList() {}

  /** Takes a page off the free list, or the next never-used page (growing the file first). */
  static int take(BufferPool pool, TablespaceRegistry spaces, RedoLog redo, int spaceId) {
    try (LoggedMiniTransaction mtr = new LoggedMiniTransaction(pool, spaces, redo)) {
      MtrPage header = mtr.exclusive(spaceId, 0);
      int head = header.getInt(SpaceHeader.FREE_HEAD);
      int pageNo;
      if (head != PageHeader.NULL_PAGE) {
        MtrPage page = mtr.exclusive(spaceId, head);
        header.putInt(SpaceHeader.FREE_HEAD, page.getInt(SpaceHeader.FREE_NEXT));
        header.putInt(SpaceHeader.FREE_COUNT, header.getInt(SpaceHeader.FREE_COUNT) - 1);
        pageNo = head;
      } else {
        int highWater = header.getInt(SpaceHeader.HIGH_WATER);
        int size = header.getInt(SpaceHeader.SIZE);
        if (highWater >= size) {
          int grown = SpaceHeader.grownSize(size, pool.pageSize());
          // Physically first: if the disk is full nothing has been changed yet by this step.
          spaces.require(spaceId).extendTo(grown);
          header.putInt(SpaceHeader.SIZE, grown);
        }
        header.putInt(SpaceHeader.HIGH_WATER, highWater + 1);
        pageNo = highWater;
      }
      mtr.commit();
      return pageNo;
    }
  }

  /**
   * Links pages into their spaces' free lists, one mini-transaction per space header. The pages
   * must be referenced by nothing any more (their last users committed or rolled back).
   */
  static void give(BufferPool pool, TablespaceRegistry spaces, RedoLog redo, List<PageId> pages) {
    List<Integer> spaceIds = pages.stream().map(PageId::spaceId).distinct().toList();
    for (int spaceId : spaceIds) {
      try (LoggedMiniTransaction mtr = new LoggedMiniTransaction(pool, spaces, redo)) {
        MtrPage header = mtr.exclusive(spaceId, 0);
        for (PageId id : pages) {
          if (id.spaceId() != spaceId) {
            continue;
          }
          MtrPage page = mtr.exclusive(spaceId, id.pageNo());
          page.init(io.dolly.storage.page.PageType.FREE);
          page.putInt(SpaceHeader.FREE_NEXT, header.getInt(SpaceHeader.FREE_HEAD));
          header.putInt(SpaceHeader.FREE_HEAD, id.pageNo());
          header.putInt(SpaceHeader.FREE_COUNT, header.getInt(SpaceHeader.FREE_COUNT) + 1);
        }
        mtr.commit();
      }
    }
  }
}
