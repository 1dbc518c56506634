package io.dolly.storage.txn;

/**
 * Where an undo record lives, packed into the 7-byte DB_ROLL_PTR of a clustered-index row:
 *
 * <pre>
 * bits 55..48  undo space id (1 or 2)
 * bits 47..16  page number
 * bits 15..0   offset of the record in the page
 * </pre>
 *
 * 0 means "no previous version" (a row written outside any transaction).
 */
public record RollPointer(int spaceId, int pageNo, int offset) {
  public long encode() {
    return ((long) (spaceId & 0xFF) << 48) | ((pageNo & 0xFFFF_FFFFL) << 16) | (offset & 0xFFFF);
  }

  public static RollPointer decode(long value) {
    return new RollPointer(
        (int) (value >>> 48) & 0xFF, (int) (value >>> 16), (int) (value & 0xFFFF));
  }
}
