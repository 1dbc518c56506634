package io.dolly.storage.txn;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
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
 *   17+k    v old value (HAD_VALUE), or
 *   17+k    4 first page of an {@link UndoOverflow} chain holding it (HAD_EXTERNAL_VALUE)
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
  static final int HAD_EXTERNAL_VALUE = 3;

  /** The tree's identity as one number: space id in the high half, root page in the low half. */
  static long treeId(int spaceId, int rootPageNo) {
    return ((long) spaceId << 32) | (rootPageNo & 0xFFFF_FFFFL);
  }

  long treeId() {
    return treeId(spaceId, rootPageNo);
  }

  public boolean wasAbsent() {
    return oldValue == null;
  }

  /** Length with the old value inline. */
  int encodedLength() {
    return KEY + key.length + (oldValue == null ? 0 : 4 + oldValue.length);
  }

  /** Encodes with the old value inline, or as a reference to {@code chain} unless NULL_PAGE. */
  byte[] encode(int chain) {
    boolean external = chain != PageHeader.NULL_PAGE;
    int length = external ? KEY + key.length + 8 : encodedLength();
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putShort((short) length);
    b.put((byte) (oldValue == null ? WAS_ABSENT : external ? HAD_EXTERNAL_VALUE : HAD_VALUE));
    b.putInt(spaceId);
    b.putInt(rootPageNo);
    b.putShort((short) key.length);
    b.put(key);
    if (oldValue != null) {
      b.putInt(oldValue.length);
      if (external) {
        b.putInt(chain);
      } else {
        b.put(oldValue);
      }
    }
    return b.array();
  }

  /** The overflow chain of the record at {@code offset}, or NULL_PAGE. */
  static int externalChain(PageHandle page, int offset) {
    if (page.getByte(offset + KIND) != HAD_EXTERNAL_VALUE) {
      return PageHeader.NULL_PAGE;
    }
    return page.getInt(offset + KEY + page.getShort(offset + KEY_LENGTH) + 4);
  }

  /** Frees the overflow chains of the records of {@code page} from {@code from} on. */
  static void freeExternals(MiniTransaction mtr, PageHandle page, int from) {
    int end = page.getShort(UndoPage.FREE);
    for (int at = from; at < end; at += page.getShort(at + LENGTH)) {
      int chain = externalChain(page, at);
      if (chain != PageHeader.NULL_PAGE) {
        UndoOverflow.free(mtr, page.spaceId(), chain);
      }
    }
  }

  /** Decodes the record at {@code offset}; its length is {@code page.getShort(offset)}. */
  static UndoRecord read(MiniTransaction mtr, PageHandle page, int offset) {
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
    } else if (kind == HAD_EXTERNAL_VALUE) {
      int at = offset + KEY + key.length;
      old = UndoOverflow.read(mtr, page.spaceId(), page.getInt(at + 4), page.getInt(at));
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
