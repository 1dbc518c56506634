package io.dolly.storage.txn;

import io.dolly.storage.page.PageHandle;
import java.nio.ByteBuffer;

/**
 * What reverses one index change: the tree (space id and root page, which never changes), the key,
 * and the value before the change, or null when the key was absent (the change was an insert).
 * Applying it is idempotent — "delete if present" or "put the old value" — so a rollback that is
 * interrupted by a crash can simply be applied again by recovery.
 *
 * <p>Layout in an undo page (big-endian):
 *
 * <pre>
 * offset size field
 *      0    2 length     of the whole record, these two bytes included
 *      2    1 kind       {@link #WAS_ABSENT} or {@link #HAD_VALUE}
 *      3    4 space id   of the tree
 *      7    4 root page  of the tree
 *     11    2 key length
 *     13    k key
 *   13+k    4 old value length (absent for WAS_ABSENT)
 *   17+k    v old value
 * </pre>
 */
public record UndoRecord(int spaceId, int rootPageNo, byte[] key, byte[] oldValue) {
  static final int LENGTH = 0;
  static final int KIND = 2;
  static final int SPACE_ID = 3;
  static final int ROOT_PAGE = 7;
  static final int KEY_LENGTH = 11;
  static final int KEY = 13;
  static final int WAS_ABSENT = 1;
  static final int HAD_VALUE = 2;

  public boolean wasAbsent() {
    return oldValue == null;
  }

  int encodedLength() {
    return KEY + key.length + (oldValue == null ? 0 : 4 + oldValue.length);
  }

  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength());
    b.putShort((short) encodedLength());
    b.put((byte) (oldValue == null ? WAS_ABSENT : HAD_VALUE));
    b.putInt(spaceId);
    b.putInt(rootPageNo);
    b.putShort((short) key.length);
    b.put(key);
    if (oldValue != null) {
      b.putInt(oldValue.length);
      b.put(oldValue);
    }
    return b.array();
  }

  /** Decodes the record at {@code offset}; its length is {@code page.getShort(offset)}. */
  static UndoRecord read(PageHandle page, int offset) {
    int kind = page.getByte(offset + KIND);
    int space = page.getInt(offset + SPACE_ID);
    int root = page.getInt(offset + ROOT_PAGE);
    byte[] key = new byte[page.getShort(offset + KEY_LENGTH)];
    page.getBytes(offset + KEY, key, 0, key.length);
    byte[] old = null;
    if (kind == HAD_VALUE) {
      int at = offset + KEY + key.length;
      old = new byte[page.getInt(at)];
      page.getBytes(at + 4, old, 0, old.length);
    } else if (kind != WAS_ABSENT) {
      throw new IllegalStateException(
          "undo page "
              + page.spaceId()
              + ":"
              + page.pageNo()
              + " offset "
              + offset
              + ": kind "
              + kind);
    }
    return new UndoRecord(space, root, key, old);
  }
}
