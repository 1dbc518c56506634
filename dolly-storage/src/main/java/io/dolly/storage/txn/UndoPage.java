package io.dolly.storage.txn;

import io.dolly.storage.page.PageHeader;

/**
 * Layout of an undo log page ({@link io.dolly.storage.page.PageType#UNDO}). A transaction's undo
 * log is a doubly linked chain of these; the first page also carries the log header.
 *
 * <pre>
 * offset size field
 *     32    8 trx id      the transaction owning the log
 *     40    4 prev page   in the chain (NULL_PAGE on the first)
 *     44    4 next page   in the chain (NULL_PAGE on the last)
 *     48    2 free        offset where the next record goes
 *     50    1 state       first page only: {@link #ACTIVE} or {@link #COMMITTED}
 *     51    1 reserved
 *     52    2 slot        first page only: index in the rollback segment
 *     54    4 last page   first page only: the chain's last page
 *     58    6 reserved
 *     64      records     {@link UndoRecord}s, back to back, up to free
 * </pre>
 *
 * <p>A committed log is kept only until purge frees it; recovery rolls back every ACTIVE log.
 */
final class UndoPage {
  static final int TRX_ID = PageHeader.BODY_START;
  static final int PREV = 40;
  static final int NEXT = 44;
  static final int FREE = 48;
  static final int STATE = 50;
  static final int SLOT = 52;
  static final int LAST = 54;
  static final int RECORDS = 64;

  static final int ACTIVE = 1;
  static final int COMMITTED = 2;

  private UndoPage() {}

  /** The largest undo record a page holds. */
  static int capacity(int pageSize) {
    return pageSize - RECORDS;
  }
}
