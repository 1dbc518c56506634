package io.dolly.storage.txn;

import io.dolly.storage.StorageException;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One transaction's undo log: a chain of {@link UndoPage}s in one undo tablespace, registered in
 * that space's {@link RollbackSegment} when its first page is allocated. Appends happen in the
 * caller's mini-transaction (the one changing the index); the in-memory end of the log moves only
 * when the caller confirms that mini-transaction committed.
 *
 * <p>Not thread-safe: a transaction is used by one thread at a time.
 */
final class UndoLog {
  private final RollbackSegment segment;
  private final int spaceId;
  private final long trxId;
  private final int pageSize;
  private int firstPage = PageHeader.NULL_PAGE;
  private int slot = -1;
  private int lastPage = PageHeader.NULL_PAGE;
  private int free;
  private int[] pending;

  UndoLog(RollbackSegment segment, long trxId, int pageSize) {
    this.segment = segment;
    this.spaceId = segment.spaceId();
    this.trxId = trxId;
    this.pageSize = pageSize;
  }

  /** A log found in the rollback segment after a restart; returns it with its state. */
  static UndoLog load(MiniTransaction mtr, RollbackSegment segment, int firstPage, int pageSize) {
    PageHandle first = mtr.readPage(segment.spaceId(), firstPage);
    UndoLog log = new UndoLog(segment, first.getLong(UndoPage.TRX_ID), pageSize);
    log.firstPage = firstPage;
    log.slot = first.getShort(UndoPage.SLOT);
    log.lastPage = first.getInt(UndoPage.LAST);
    log.free = mtr.readPage(segment.spaceId(), log.lastPage).getShort(UndoPage.FREE);
    return log;
  }

  static int state(MiniTransaction mtr, int spaceId, int firstPage) {
    return mtr.readPage(spaceId, firstPage).getByte(UndoPage.STATE);
  }

  long trxId() {
    return trxId;
  }

  boolean isEmpty() {
    return firstPage == PageHeader.NULL_PAGE;
  }

  /** True when the log has exactly one page (it can be freed in one mini-transaction). */
  boolean singlePage() {
    return !isEmpty() && firstPage == lastPage;
  }

  UndoPosition end() {
    return isEmpty() ? UndoPosition.EMPTY : new UndoPosition(lastPage, free);
  }

  /**
   * Writes {@code record} at the end of the log in {@code mtr} (allocating and registering the
   * first page, or chaining a new one, as needed); returns its roll pointer. Call {@link #confirm}
   * after {@code mtr} commits, {@link #abandon} if it does not.
   */
  long append(MiniTransaction mtr, UndoRecord record) {
    int chain = PageHeader.NULL_PAGE;
    if (record.encodedLength() > UndoPage.capacity(pageSize) / 4) {
      // Keys are at most a quarter page, so only a big old value ever goes out of line.
      chain = UndoOverflow.write(mtr, spaceId, record.oldValue());
    }
    byte[] bytes = record.encode(chain);
    if (bytes.length > UndoPage.capacity(pageSize)) {
      throw new StorageException("undo record of " + bytes.length + " bytes exceeds an undo page");
    }
    int first = firstPage;
    int slotNo = slot;
    int last = lastPage;
    int at = free;
    PageHandle page;
    if (first == PageHeader.NULL_PAGE) {
      page = newPage(mtr, PageHeader.NULL_PAGE);
      first = page.pageNo();
      last = first;
      page.putByte(UndoPage.STATE, UndoPage.ACTIVE);
      page.putInt(UndoPage.LAST, first);
      slotNo = segment.register(mtr, first);
      page.putShort(UndoPage.SLOT, slotNo);
      at = UndoPage.RECORDS;
    } else if (at + bytes.length > pageSize) {
      PageHandle previous = mtr.writePage(spaceId, last);
      page = newPage(mtr, last);
      previous.putInt(UndoPage.NEXT, page.pageNo());
      mtr.writePage(spaceId, first).putInt(UndoPage.LAST, page.pageNo());
      last = page.pageNo();
      at = UndoPage.RECORDS;
    } else {
      page = mtr.writePage(spaceId, last);
    }
    page.putBytes(at, bytes, 0, bytes.length);
    page.putShort(UndoPage.FREE, at + bytes.length);
    pending = new int[] {first, slotNo, last, at + bytes.length};
    return new RollPointer(spaceId, last, at).encode();
  }

  private PageHandle newPage(MiniTransaction mtr, int prev) {
    PageHandle page = mtr.allocatePage(spaceId, PageType.UNDO);
    page.putLong(UndoPage.TRX_ID, trxId);
    page.putInt(UndoPage.PREV, prev);
    page.putInt(UndoPage.NEXT, PageHeader.NULL_PAGE);
    page.putShort(UndoPage.FREE, UndoPage.RECORDS);
    return page;
  }

  void confirm() {
    firstPage = pending[0];
    slot = pending[1];
    lastPage = pending[2];
    free = pending[3];
    pending = null;
  }

  void abandon() {
    pending = null;
  }

  /**
   * Applies, newest first, every record written after {@code from}. Each page's records are read in
   * a short mini-transaction and applied after it ends (applying latches index pages).
   */
  void undoAfter(Supplier<MiniTransaction> mtrs, UndoPosition from, Consumer<UndoRecord> apply) {
    int page = lastPage;
    while (page != PageHeader.NULL_PAGE) {
      boolean stop = !from.isEmpty() && page == from.pageNo();
      List<UndoRecord> records = new ArrayList<>();
      int prev;
      try (MiniTransaction mtr = mtrs.get()) {
        PageHandle p = mtr.readPage(spaceId, page);
        int end = p.getShort(UndoPage.FREE);
        for (int at = stop ? from.offset() : UndoPage.RECORDS; at < end; ) {
          records.add(UndoRecord.read(mtr, p, at));
          at += p.getShort(at + UndoRecord.LENGTH);
        }
        prev = p.getInt(UndoPage.PREV);
      }
      for (int i = records.size() - 1; i >= 0; i--) {
        apply.accept(records.get(i));
      }
      if (stop) {
        return;
      }
      page = prev;
    }
  }

  /**
   * Cuts the log back to {@code to} (records after it were undone): later pages are freed one
   * mini-transaction each, last first, so that a long statement's rollback never latches them all
   * at once and a crash in between leaves a valid chain (recovery then undoes it all again).
   */
  void truncate(Supplier<MiniTransaction> mtrs, UndoPosition to) {
    if (isEmpty()) {
      return;
    }
    int target = to.isEmpty() ? firstPage : to.pageNo();
    int offset = to.isEmpty() ? UndoPage.RECORDS : to.offset();
    while (lastPage != target) {
      try (MiniTransaction mtr = mtrs.get()) {
        int newLast = dropLastPage(mtr, mtr.writePage(spaceId, firstPage));
        mtr.commit();
        lastPage = newLast;
      }
    }
    try (MiniTransaction mtr = mtrs.get()) {
      PageHandle t = mtr.writePage(spaceId, target);
      UndoRecord.freeExternals(mtr, t, offset);
      t.putShort(UndoPage.FREE, offset);
      mtr.commit();
    }
    free = offset;
  }

  /** Unlinks and frees the last page (not the first) in {@code mtr}; returns the new last page. */
  private int dropLastPage(MiniTransaction mtr, PageHandle first) {
    int last = first.getInt(UndoPage.LAST);
    PageHandle page = mtr.writePage(spaceId, last);
    int prev = page.getInt(UndoPage.PREV);
    UndoRecord.freeExternals(mtr, page, UndoPage.RECORDS);
    mtr.writePage(spaceId, prev).putInt(UndoPage.NEXT, PageHeader.NULL_PAGE);
    first.putInt(UndoPage.LAST, prev);
    mtr.freePage(spaceId, last);
    return prev;
  }

  /** The commit record: the log's state becomes COMMITTED in {@code mtr}. */
  void markCommitted(MiniTransaction mtr) {
    mtr.writePage(spaceId, firstPage).putByte(UndoPage.STATE, UndoPage.COMMITTED);
  }

  /**
   * Frees the log's pages, last first (so that a crash in between leaves a valid, shorter chain),
   * then the first page together with its rollback segment slot. Returns the last commit LSN.
   */
  long free(Supplier<MiniTransaction> mtrs) {
    long lsn = 0;
    while (!isEmpty()) {
      try (MiniTransaction mtr = mtrs.get()) {
        PageHandle first = mtr.writePage(spaceId, firstPage);
        boolean lastOne = first.getInt(UndoPage.LAST) == firstPage;
        int newLast = PageHeader.NULL_PAGE;
        if (lastOne) {
          UndoRecord.freeExternals(mtr, first, UndoPage.RECORDS);
          mtr.freePage(spaceId, firstPage);
          segment.unregister(mtr, slot);
        } else {
          newLast = dropLastPage(mtr, first);
        }
        mtr.commit();
        lsn = mtr.commitLsn();
        if (lastOne) {
          firstPage = PageHeader.NULL_PAGE;
        }
        lastPage = newLast;
      }
    }
    return lsn;
  }
}
