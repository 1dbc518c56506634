package io.dolly.storage.txn;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;

/**
 * Old values too large to sit in an undo page (big rows with long TEXT/BLOB columns) live in a
 * chain of {@link PageType#UNDO_OVERFLOW} pages of the same undo tablespace, referenced from their
 * undo record and freed together with the undo page holding that record. Layout of a chain page:
 *
 * <pre>
 * offset size field
 *     32    4 next page   NULL_PAGE on the last
 *     36    4 length      bytes of the value on this page
 *     40      bytes
 * </pre>
 */
final class UndoOverflow {
  static final int NEXT = PageHeader.BODY_START;
  static final int LENGTH = 36;
  static final int DATA = 40;

  private UndoOverflow() {}

  /** Writes {@code value} into new pages in {@code mtr}; returns the first page. */
  static int write(MiniTransaction mtr, int spaceId, byte[] value) {
    PageHandle previous = null;
    int first = PageHeader.NULL_PAGE;
    int at = 0;
    do {
      PageHandle page = mtr.allocatePage(spaceId, PageType.UNDO_OVERFLOW);
      int n = Math.min(value.length - at, page.pageSize() - DATA);
      page.putInt(NEXT, PageHeader.NULL_PAGE);
      page.putInt(LENGTH, n);
      page.putBytes(DATA, value, at, n);
      at += n;
      if (previous == null) {
        first = page.pageNo();
      } else {
        previous.putInt(NEXT, page.pageNo());
      }
      previous = page;
    } while (at < value.length);
    return first;
  }

  static byte[] read(MiniTransaction mtr, int spaceId, int first, int length) {
    byte[] value = new byte[length];
    int at = 0;
    for (int p = first; p != PageHeader.NULL_PAGE && at < length; ) {
      PageHandle page = mtr.readPage(spaceId, p);
      int n = page.getInt(LENGTH);
      page.getBytes(DATA, value, at, n);
      at += n;
      p = page.getInt(NEXT);
    }
    return value;
  }

  static void free(MiniTransaction mtr, int spaceId, int first) {
    for (int p = first; p != PageHeader.NULL_PAGE; ) {
      int next = mtr.writePage(spaceId, p).getInt(NEXT);
      mtr.freePage(spaceId, p);
      p = next;
    }
  }
}
