package io.dolly.storage.catalog;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.txn.LockMode;
import io.dolly.storage.txn.LockingCursor;
import io.dolly.storage.txn.Transaction;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Rows of a range of one index. On the clustered index the entries are the rows. On a secondary
 * index each entry leads to its row, read in the scan's mode; an entry whose row is gone or no
 * longer has the entry's values (changed between the two reads) is skipped.
 *
 * <p>A CONSISTENT scan of a secondary index takes no locks, so a row another transaction commits
 * with a new key further along the scan would be met again at its new entry; the scan remembers the
 * rows it returned and returns each once. (Without a read view it is still not a snapshot: a row
 * moved behind the scan is not met at all.)
 */
final class TableCursor implements RowCursor {
  static final RowCursor EMPTY =
      new RowCursor() {
        @Override
        public boolean next() {
          return false;
        }

        @Override
        public Object[] row() {
          throw new NoSuchElementException("empty scan");
        }

        @Override
        public void close() {}
      };

  private final Table table;
  private final Transaction trx;
  private final Table.SecondaryIndex secondary;
  private final ReadMode mode;
  private final LockingCursor locking;
  private final BTreeCursor plain;
  private final Set<ByteBuffer> returned;
  private Object[] row;

  TableCursor(
      Table table,
      Transaction trx,
      BTree tree,
      Table.SecondaryIndex secondary,
      ByteRange range,
      boolean ascending,
      ReadMode mode) {
    this.table = table;
    this.trx = trx;
    this.secondary = secondary;
    this.mode = mode;
    this.returned = secondary != null && mode == ReadMode.CONSISTENT ? new HashSet<>() : null;
    if (trx == null) {
      if (mode != ReadMode.CONSISTENT) {
        throw new IllegalArgumentException(mode + " read needs a transaction");
      }
      this.locking = null;
      this.plain = tree.scan(range.from(), range.fromInclusive(), range.to(), false, ascending);
    } else {
      this.plain = null;
      this.locking =
          mode == ReadMode.CONSISTENT
              ? trx.scanCommitted(
                  tree, range.from(), range.fromInclusive(), range.to(), false, ascending)
              : trx.scan(
                  tree,
                  range.from(),
                  range.fromInclusive(),
                  range.to(),
                  false,
                  ascending,
                  mode == ReadMode.SHARED ? LockMode.SHARED : LockMode.EXCLUSIVE);
    }
  }

  @Override
  public boolean next() {
    row = null;
    while (plain != null ? plain.next() : locking.next()) {
      byte[] key = plain != null ? plain.key() : locking.key();
      byte[] value = plain != null ? plain.value() : locking.value();
      if (secondary == null) {
        row = table.decode(key, value);
        return true;
      }
      byte[] clusteredKey = Table.clusteredKeyOf(secondary, key);
      byte[] stored = table.readRow(trx, clusteredKey, mode);
      if (stored == null) {
        continue;
      }
      Object[] r = table.decode(clusteredKey, stored);
      if (Table.entryMatches(secondary, key, r, clusteredKey)
          && (returned == null || returned.add(ByteBuffer.wrap(clusteredKey)))) {
        row = r;
        return true;
      }
    }
    return false;
  }

  @Override
  public Object[] row() {
    if (row == null) {
      throw new NoSuchElementException("cursor is not on a row");
    }
    return row;
  }

  @Override
  public void close() {
    if (plain != null) {
      plain.close();
    } else {
      locking.close();
    }
  }
}
