package io.dolly.sql.exec;

import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.KeyBound;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.RowCursor;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.txn.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * How one table is read: which index, over which key ranges, in which order. EXPLAIN shows {@link
 * #type} (const, ref, range, index, ALL) and {@link #keyName}.
 *
 * @param index null for a full scan of the clustered index
 * @param ranges the key ranges in index order; empty for a full scan
 * @param keyParts how many index columns the ranges constrain (EXPLAIN's key_len is derived)
 * @param ordered the rows come in ORDER BY's order
 * @param descending the index is read backwards (ORDER BY ... DESC served by the index)
 */
record AccessPath(
    IndexDefinition index,
    String type,
    List<Range> ranges,
    int keyParts,
    boolean ordered,
    boolean descending) {

  /** A key range; {@code point} when it names exactly one row of a unique index. */
  record Range(
      Object[] from, boolean fromInclusive, Object[] to, boolean toInclusive, boolean point) {}

  /** Receives rows as storage keeps them; returns false to stop the scan. */
  interface RowVisitor {
    boolean visit(Object[] row);
  }

  static AccessPath fullScan() {
    return new AccessPath(null, "ALL", List.of(), 0, false, false);
  }

  String keyName() {
    return index == null ? null : index.name();
  }

  /** The storage name of the index: null for the primary key. */
  private String storageIndex() {
    return index == null || index.kind() == IndexKind.PRIMARY ? null : index.name();
  }

  void read(Table table, Transaction trx, ReadMode mode, RowVisitor visitor) {
    if (ranges.isEmpty()) {
      scan(table, trx, mode, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, visitor);
      return;
    }
    for (Range r : descending ? ranges.reversed() : ranges) {
      if (r.point()) {
        Optional<Object[]> row = table.lookup(trx, storageIndex(), r.from(), mode);
        if (row.isPresent() && !visitor.visit(row.get())) {
          return;
        }
        continue;
      }
      KeyBound from =
          r.from() == null ? KeyBound.UNBOUNDED : new KeyBound(r.from(), r.fromInclusive());
      KeyBound to = r.to() == null ? KeyBound.UNBOUNDED : new KeyBound(r.to(), r.toInclusive());
      if (!scan(table, trx, mode, from, to, visitor)) {
        return;
      }
    }
  }

  private boolean scan(
      Table table, Transaction trx, ReadMode mode, KeyBound from, KeyBound to, RowVisitor visitor) {
    try (RowCursor cursor = table.scan(trx, storageIndex(), from, to, !descending, mode)) {
      while (cursor.next()) {
        if (!visitor.visit(cursor.row())) {
          return false;
        }
      }
    }
    return true;
  }
}
