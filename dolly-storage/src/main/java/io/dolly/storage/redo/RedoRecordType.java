package io.dolly.storage.redo;

/**
 * Record type codes inside a redo group. Values are part of the redo format. Page records are
 * physical (bytes at offsets) so that replaying them is exact and idempotent under the page-LSN
 * rule. Codes from {@link #FIRST_EXTENSION} up belong to upper layers (transaction commit, undo
 * bookkeeping): the engine frames them and hands their payload to a registered {@link
 * RedoRecordHandler} during recovery.
 *
 * <pre>
 * type  layout after the type byte (big-endian)
 *  1 WRITE  space u32, page u32, offset u16, length u16, bytes[length]
 *  2 FILL   space u32, page u32, offset u16, length u16, value u8
 *  3 MOVE   space u32, page u32, src u16, dst u16, length u16
 *  4 INIT   space u32, page u32, page type u16   (zero the page, set id and type)
 *  5 IMAGE  space u32, page u32, bytes[pageSize] (a whole page image)
 * 64+ ext   length u32, payload[length]
 * </pre>
 */
public final class RedoRecordType {
  public static final int WRITE = 1;
  public static final int FILL = 2;
  public static final int MOVE = 3;
  public static final int INIT = 4;
  public static final int IMAGE = 5;

  public static final int FIRST_EXTENSION = 64;
  public static final int LAST_EXTENSION = 255;

  /** Longest run one WRITE/FILL/MOVE record carries; longer ones are split. */
  public static final int MAX_RUN = 0xFFFF;

  private RedoRecordType() {}
}
