package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.util.function.LongConsumer;

/**
 * A value too large for a leaf, stored on a singly linked chain of {@link PageType#OVERFLOW} pages.
 *
 * <pre>
 * offset          size field
 * BODY_START+0      4  next page   the following chunk, or NULL_PAGE on the last page
 * BODY_START+4      4  length      bytes of the value stored on this page
 * BODY_START+8         data
 * </pre>
 *
 * <p>A chain is written back to front in its own mini-transactions of {@link #PAGES_PER_MTR} pages
 * before the leaf links it, so that a 16 MiB value never holds a thousand latches at once; a crash
 * before the link leaks the pages (never a dangling pointer). Freeing likewise happens in batches
 * after the change that unlinked the chain committed (for a caller's mini-transaction, through
 * {@code afterCommit}); a crash in between leaks the chain. These mini-transactions may run nested
 * inside a caller's open one: they latch only pages nobody else can reach (new pages, or a chain no
 * leaf points to any more) and the space header inside the engine's own short allocation
 * mini-transactions, so they never wait for a latch the caller holds. They skip the redo
 * back-pressure wait (the caller holds latches the page cleaner may need), which is safe because
 * the redo capacity is soft: the log grows past it rather than blocking an append.
 */
final class OverflowChain {
  static final int NEXT = PageHeader.BODY_START;
  static final int LENGTH = PageHeader.BODY_START + 4;
  static final int DATA = PageHeader.BODY_START + 8;
  static final int PAGES_PER_MTR = 16;

  private OverflowChain() {}

  static int capacity(int pageSize) {
    return pageSize - DATA;
  }

  /** Writes {@code value} to a new chain and returns its first page number. */
  static int write(
      MiniTransactionFactory mtrs,
      int spaceId,
      int pageSize,
      byte[] value,
      LongConsumer committed) {
    int cap = capacity(pageSize);
    int chunks = Math.max(1, (value.length + cap - 1) / cap);
    int next = PageHeader.NULL_PAGE;
    int chunk = chunks - 1;
    while (chunk >= 0) {
      try (MiniTransaction mtr = mtrs.begin()) {
        for (int i = 0; i < PAGES_PER_MTR && chunk >= 0; i++, chunk--) {
          int from = chunk * cap;
          int len = Math.min(cap, value.length - from);
          PageHandle p = mtr.allocatePage(spaceId, PageType.OVERFLOW);
          p.putInt(NEXT, next);
          p.putInt(LENGTH, len);
          p.putBytes(DATA, value, from, len);
          next = p.pageNo();
        }
        mtr.commit();
        committed.accept(mtr.commitLsn());
      }
    }
    return next;
  }

  /**
   * Reads a chain whose referencing leaf the caller holds latched: each page in a short
   * mini-transaction of its own, so a multi-MiB value pins one frame at a time. Safe without
   * latching the chain as a whole: chain pages never change once linked, and they are freed only
   * after a change that unlinked them committed, which needed the leaf exclusively.
   */
  static byte[] read(MiniTransactionFactory mtrs, int spaceId, int firstPage, int totalLength) {
    byte[] value = new byte[totalLength];
    int pos = 0;
    int pageNo = firstPage;
    while (pageNo != PageHeader.NULL_PAGE) {
      try (MiniTransaction mtr = mtrs.begin()) {
        PageHandle p = mtr.readPage(spaceId, pageNo);
        checkType(p);
        int len = p.getInt(LENGTH);
        if (len < 0 || pos + len > totalLength) {
          throw new CorruptTreeException(spaceId, pageNo, "overflow chain longer than its value");
        }
        p.getBytes(DATA, value, pos, len);
        pos += len;
        pageNo = p.getInt(NEXT);
      }
    }
    if (pos != totalLength) {
      throw new CorruptTreeException(spaceId, firstPage, "overflow chain shorter than its value");
    }
    return value;
  }

  /** Frees a chain no longer referenced by any leaf, in batches of own mini-transactions. */
  static void free(
      MiniTransactionFactory mtrs, int spaceId, int firstPage, LongConsumer committed) {
    int pageNo = firstPage;
    while (pageNo != PageHeader.NULL_PAGE) {
      try (MiniTransaction mtr = mtrs.begin()) {
        for (int i = 0; i < PAGES_PER_MTR && pageNo != PageHeader.NULL_PAGE; i++) {
          PageHandle p = mtr.writePage(spaceId, pageNo);
          checkType(p);
          int next = p.getInt(NEXT);
          mtr.freePage(spaceId, pageNo);
          pageNo = next;
        }
        mtr.commit();
        committed.accept(mtr.commitLsn());
      }
    }
  }

  private static void checkType(PageHandle p) {
    if ((p.getShort(PageHeader.PAGE_TYPE) & 0xFFFF) != PageType.OVERFLOW) {
      throw new CorruptTreeException(p.spaceId(), p.pageNo(), "not an overflow page");
    }
  }
}
