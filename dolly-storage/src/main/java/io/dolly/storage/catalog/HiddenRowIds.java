package io.dolly.storage.catalog;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The clustered key of a table without a primary key: a 6-byte big-endian row id, as InnoDB's
 * DB_ROW_ID. New ids count up in memory from one above the largest id in the tree at first use.
 * That is crash-safe without persisting anything: after a restart every id in use is in the tree
 * (uncommitted inserts were rolled back), and reusing the id of a deleted row is harmless.
 *
 * <p>Rows carry no id, so the ids of the arrays a scan returned are remembered (weakly, by
 * identity: arrays do not override equals) for an update or delete of the same array.
 */
final class HiddenRowIds {
  static final int SIZE = 6;

  private final BTree clustered;
  private final Map<Object[], Long> returned = Collections.synchronizedMap(new WeakHashMap<>());
  private long next; // 0 until first use; guarded by this

  HiddenRowIds(BTree clustered) {
    this.clustered = clustered;
  }

  static byte[] key(long rowId) {
    byte[] k = new byte[SIZE];
    for (int i = SIZE - 1; i >= 0; i--) {
      k[i] = (byte) rowId;
      rowId >>>= 8;
    }
    return k;
  }

  static long id(byte[] key) {
    long v = 0;
    for (int i = 0; i < SIZE; i++) {
      v = (v << 8) | (key[i] & 0xFF);
    }
    return v;
  }

  /** The key of a new row. */
  synchronized byte[] allocate() {
    if (next == 0) {
      long last = 0;
      try (BTreeCursor c = clustered.scan(null, true, null, true, false)) {
        if (c.next()) {
          last = id(c.key());
        }
      }
      next = last + 1;
    }
    return key(next++);
  }

  /** Remembers that {@code row} was read from the row with this key. */
  void remember(Object[] row, byte[] key) {
    returned.put(row, id(key));
  }

  /** The key {@code row} was read from, or null for an array this table did not return. */
  byte[] keyOf(Object[] row) {
    Long id = returned.get(row);
    return id == null ? null : key(id);
  }
}
