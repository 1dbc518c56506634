package io.dolly.storage.txn;

import io.dolly.storage.page.PageHeader;

/**
 * The end of a transaction's undo log at some moment (a savepoint, a statement's start): the last
 * page and the offset where the next record goes. {@link #EMPTY} is the position before the first
 * record, whatever page that will be on.
 */
record UndoPosition(int pageNo, int offset) {
  static final UndoPosition EMPTY = new UndoPosition(PageHeader.NULL_PAGE, 0);

  boolean isEmpty() {
    return pageNo == PageHeader.NULL_PAGE;
  }
}
