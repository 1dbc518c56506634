package io.dolly.storage.page;

/**
 * The header every page starts with, whatever its type. Layout (big-endian):
 *
 * <pre>
 * offset size field
 *      0    4 checksum   CRC32C of bytes [4, pageSize): verified on every read
 *      4    4 space id   the tablespace this page belongs to
 *      8    4 page no    its position in the file (offset = pageNo * pageSize)
 *     12    8 page LSN   end LSN of the last mini-transaction that changed it
 *     20    2 page type  one of {@link PageType}
 *     22   10 reserved   zero
 *     32      body       owned by the page type (B-tree node, undo, space header, ...)
 * </pre>
 *
 * <p>The header is written by the storage engine only; page types use bytes from {@link
 * #BODY_START} to the end of the page.
 */
public final class PageHeader {
  public static final int CHECKSUM = 0;
  public static final int SPACE_ID = 4;
  public static final int PAGE_NO = 8;
  public static final int PAGE_LSN = 12;
  public static final int PAGE_TYPE = 20;
  public static final int BODY_START = 32;

  /** Marks "no page" in page-number fields (prev/next links, list ends). */
  public static final int NULL_PAGE = 0xFFFF_FFFF;

  private PageHeader() {}
}
