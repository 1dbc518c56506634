package io.dolly.storage.mtr;

import io.dolly.storage.page.PageHandle;

/**
 * A mini-transaction: an atomic group of page changes (a B-tree split is one). Pages are latched as
 * they are fetched and stay latched until {@link #commit()}; at commit the redo records of all
 * writes are appended to the redo log as one unit, each changed page gets the unit's end LSN and
 * joins the flush list. Recovery applies a mini-transaction entirely or not at all.
 *
 * <p>Latch order: callers fetch pages top-down (parent before child, left before right) so that two
 * mini-transactions never wait on each other in a cycle.
 */
public interface MiniTransaction extends AutoCloseable {
  /** Fetches a page with a shared latch. */
  PageHandle readPage(int spaceId, int pageNo);

  /** Fetches a page with an exclusive latch, for writing. */
  PageHandle writePage(int spaceId, int pageNo);

  /**
   * Allocates a free page in the tablespace (reusing freed pages before growing the file), returns
   * it exclusively latched with its header initialized to {@code pageType} and its body zeroed.
   */
  PageHandle allocatePage(int spaceId, int pageType);

  /** Returns a page to its tablespace's free list; the caller must not use it afterwards. */
  void freePage(int spaceId, int pageNo);

  /**
   * Adds a record of an upper layer's own redo type ({@code 64..255}, e.g. a transaction commit) to
   * this mini-transaction; recovery hands it to the handler registered for the type. (Default
   * methods so that other implementations of this interface, such as test doubles, still compile.)
   */
  default void logRecord(int recordType, byte[] payload) {
    throw new UnsupportedOperationException("this mini-transaction cannot log extension records");
  }

  /**
   * End LSN of the redo group written by {@link #commit()} (what to pass to the redo log's
   * durability wait), or 0 when the mini-transaction changed nothing.
   */
  default long commitLsn() {
    return 0;
  }

  /**
   * Runs {@code action} once {@link #commit()} has released every latch, in the same thread (e.g.
   * freeing an overflow chain a committed change no longer references, in mini-transactions of its
   * own instead of latching every chain page in this one). Not run when the mini-transaction is
   * closed without commit. A crash in between leaves what the action would have done undone.
   */
  default void afterCommit(Runnable action) {
    throw new UnsupportedOperationException("this mini-transaction cannot defer work");
  }

  /** Writes the redo of all changes as one unit and releases every latch. */
  void commit();

  /**
   * Releases latches. If the mini-transaction changed nothing it simply ends; closing one with
   * uncommitted changes is a programming error (pages may not be restored).
   */
  @Override
  void close();
}
