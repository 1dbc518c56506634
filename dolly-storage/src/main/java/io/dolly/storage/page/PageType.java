package io.dolly.storage.page;

/** Page type codes stored at {@link PageHeader#PAGE_TYPE}. Values are part of the file format. */
public final class PageType {
  public static final int FREE = 0;
  public static final int SPACE_HEADER = 1;
  public static final int EXTENT_MAP = 2;
  public static final int BTREE_NODE = 3;
  public static final int OVERFLOW = 4;
  public static final int UNDO = 5;
  public static final int SYSTEM = 6;

  /** Page 1 of each undo tablespace: the list of transactions' undo logs (io.dolly.storage.txn). */
  public static final int ROLLBACK_SEGMENT = 7;

  /** An old value too large for an undo page, chained from its undo record. */
  public static final int UNDO_OVERFLOW = 8;

  private PageType() {}
}
