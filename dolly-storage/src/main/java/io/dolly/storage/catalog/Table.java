package io.dolly.storage.catalog;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.btree.KeyTooLongException;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.record.RowFormat;
import io.dolly.storage.txn.LockMode;
import io.dolly.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A table's rows: a clustered index keyed by the encoded primary key (or a hidden 6-byte row id)
 * holding {@link RowFormat} rows, and one tree per secondary index mapping (index columns, then the
 * clustered key) to an empty value. Every change goes through the caller's {@link Transaction},
 * which locks the keys it changes and writes undo, so concurrent DML is safe and rollback and
 * recovery undo it.
 *
 * <p>Unique secondary indexes: before an entry with a given (non-NULL) value is inserted or
 * removed, the value itself is locked exclusively (a lock on the value's key bytes, which no full
 * entry key equals), so that two transactions cannot both see the value free, and a value an
 * uncommitted delete freed is not reused before that delete commits. Duplicates are checked before
 * anything changes, so a {@link DuplicateKeyException} leaves the table as it was. A failure after
 * the first change (a lock wait timeout, a deadlock) is undone by the statement or transaction
 * rollback the engine does for those.
 */
public final class Table {
  private static final byte[] EMPTY = new byte[0];

  private final TableHooks hooks;
  private final StoredTable stored;
  private volatile TableDefinition definition;
  private final RowFormat rowFormat;
  private final BTree clustered;
  private final KeyColumns primary; // null: hidden row id
  private final List<SecondaryIndex> secondaries;
  private final int autoIncrementColumn;
  private final AutoIncrementCounter autoIncrement;
  private final HiddenRowIds hidden; // null: the table has a primary key
  private volatile boolean dropped;

  /** A secondary index: its definition, columns and tree. */
  record SecondaryIndex(IndexDefinition definition, KeyColumns columns, BTree tree) {}

  /** What a table needs from its dictionary. */
  interface TableHooks {
    BTree openTree(int spaceId, int rootPageNo);

    AutoIncrementCounter.Store counter(int spaceId);

    io.dolly.storage.StorageEngine engine();
  }

  Table(TableHooks hooks, StoredTable stored) {
    this.hooks = hooks;
    this.stored = stored;
    this.definition = stored.definition();
    TableDefinition d = stored.definition();
    this.rowFormat = new RowFormat(d.columns().stream().map(ColumnDefinition::spec).toList());
    this.clustered = hooks.openTree(stored.spaceId(), stored.clusteredRoot());
    KeyColumns pk = null;
    List<SecondaryIndex> sec = new ArrayList<>();
    for (int i = 0; i < d.indexes().size(); i++) {
      IndexDefinition x = d.indexes().get(i);
      if (x.kind() == IndexKind.PRIMARY) {
        pk = new KeyColumns(d, x);
      } else {
        sec.add(
            new SecondaryIndex(
                x,
                new KeyColumns(d, x),
                hooks.openTree(stored.spaceId(), stored.indexRoots().get(i))));
      }
    }
    this.primary = pk;
    this.hidden = pk == null ? new HiddenRowIds(clustered) : null;
    this.secondaries = List.copyOf(sec);
    this.autoIncrementColumn = d.autoIncrementColumn();
    this.autoIncrement =
        autoIncrementColumn < 0
            ? null
            : new AutoIncrementCounter(hooks.counter(stored.spaceId()), this::maxAutoIncrement);
  }

  public TableDefinition definition() {
    return definition;
  }

  public int spaceId() {
    return stored.spaceId();
  }

  /** The tablespace file, relative to the data directory. */
  public String file() {
    return stored.file();
  }

  StoredTable stored() {
    return stored.withDefinition(definition);
  }

  void renamed(TableDefinition d) {
    this.definition = d;
  }

  void markDropped() {
    dropped = true;
  }

  private void checkLive() {
    if (dropped) {
      throw new NoSuchTableException(definition.schema(), definition.name());
    }
  }

  BTree clusteredTree() {
    return clustered;
  }

  List<SecondaryIndex> secondaryIndexes() {
    return secondaries;
  }

  RowFormat rowFormat() {
    return rowFormat;
  }

  // ------------------------------------------------------------------ keys

  /**
   * The clustered key of a row; a hidden-key table has none in the row (see {@link HiddenRowIds}).
   */
  private byte[] primaryKey(Object[] row) {
    return primary.encode(row);
  }

  private static byte[] entryKey(KeyColumns cols, Object[] row, byte[] clusteredKey) {
    byte[] part = cols.encode(row);
    byte[] key = Arrays.copyOf(part, part.length + clusteredKey.length);
    System.arraycopy(clusteredKey, 0, key, part.length, clusteredKey.length);
    return key;
  }

  private static byte[] clusteredKeyOf(KeyColumns cols, byte[] entryKey) {
    return Arrays.copyOfRange(entryKey, cols.encodedLength(entryKey), entryKey.length);
  }

  private void checkKeyLength(byte[] key) {
    int max = BTree.maxKeyLength(clustered.pageSize());
    if (key.length > max) {
      throw new KeyTooLongException(key.length, max);
    }
  }

  // ------------------------------------------------------------------ changes

  /**
   * Inserts; fills an AUTO_INCREMENT column that is null or 0 (MySQL's rule, written into {@code
   * row}) and returns the value it generated (0 if none). DuplicateKeyException(indexName, keyText)
   * on a unique violation; the row is the full column array in definition order.
   */
  public long insert(Transaction trx, Object[] row) {
    checkLive();
    checkWidth(row);
    long generated = fillAutoIncrement(row);
    byte[] encoded = rowFormat.encode(0, 0, row);
    byte[] key = primary == null ? hidden.allocate() : primaryKey(row);
    checkKeyLength(key);
    byte[][] entries = new byte[secondaries.size()][];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = entryKey(secondaries.get(i).columns(), row, key);
      checkKeyLength(entries[i]);
    }
    if (primary != null) {
      // Checked first so that a duplicate primary key reports PRIMARY, as MySQL does.
      byte[] existing = trx.readForUpdate(clustered, key);
      if (existing != null) {
        throw duplicate("PRIMARY", primary.keyText(row));
      }
    }
    for (SecondaryIndex s : secondaries) {
      if (s.definition().unique() && !s.columns().hasNull(row)) {
        byte[] value = s.columns().encode(row);
        trx.lock(s.tree(), value, LockMode.EXCLUSIVE);
        if (holdsEntry(s, value, null)) {
          throw duplicate(s.definition().name(), s.columns().keyText(row));
        }
      }
    }
    try {
      trx.insert(clustered, key, encoded);
    } catch (io.dolly.storage.btree.DuplicateKeyException e) {
      throw duplicate("PRIMARY", primary == null ? "" : primary.keyText(row));
    }
    for (int i = 0; i < entries.length; i++) {
      trx.insertEntry(secondaries.get(i).tree(), entries[i], EMPTY);
    }
    return generated;
  }

  private DuplicateKeyException duplicate(String index, String keyText) {
    return new DuplicateKeyException(definition.name(), index, keyText);
  }

  /** True when the unique index holds an entry with this value for a row other than {@code own}. */
  private static boolean holdsEntry(SecondaryIndex s, byte[] value, byte[] own) {
    try (BTreeCursor c =
        s.tree()
            .scan(value, true, io.dolly.storage.record.KeyEncoder.prefixEnd(value), false, true)) {
      while (c.next()) {
        if (own == null || !Arrays.equals(clusteredKeyOf(s.columns(), c.key()), own)) {
          return true;
        }
      }
    }
    return false;
  }

  private long fillAutoIncrement(Object[] row) {
    if (autoIncrement == null) {
      return 0;
    }
    Object v = row[autoIncrementColumn];
    if (v == null || (v instanceof Number n && n.doubleValue() == 0)) {
      // At the column's largest value InnoDB keeps generating that value, so the insert fails
      // with a duplicate key rather than with a value the column cannot hold.
      long next = Math.min(autoIncrement.allocate(), autoIncrementMax());
      row[autoIncrementColumn] = autoIncrementValue(next);
      return next;
    }
    if (v instanceof Number n && n.doubleValue() > 0) {
      autoIncrement.observe(n.longValue());
    }
    return 0;
  }

  private long autoIncrementMax() {
    ColumnSpec spec = definition.columns().get(autoIncrementColumn).spec();
    int bits = 8 * spec.kind().fixedSize();
    if (!spec.kind().isInteger() || bits >= 64) {
      return Long.MAX_VALUE;
    }
    return spec.unsigned() ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
  }

  private Object autoIncrementValue(long v) {
    ColumnKind kind = definition.columns().get(autoIncrementColumn).spec().kind();
    return switch (kind) {
      case FLOAT -> (float) v;
      case DOUBLE -> (double) v;
      case DECIMAL -> java.math.BigDecimal.valueOf(v);
      default -> v;
    };
  }

  /**
   * Replaces {@code oldRow} (as read) by {@code newRow}, maintaining only the indexes whose key
   * changed. The stored row is locked and re-read first, and the indexes are maintained from what
   * is stored. False if the row is gone.
   */
  public boolean update(Transaction trx, Object[] oldRow, Object[] newRow) {
    checkLive();
    checkWidth(oldRow);
    checkWidth(newRow);
    Located old = locate(trx, oldRow);
    if (old == null) {
      return false;
    }
    if (autoIncrement != null && newRow[autoIncrementColumn] instanceof Number n) {
      autoIncrement.observe(n.longValue());
    }
    byte[] encoded = rowFormat.encode(0, 0, newRow);
    byte[] newKey = primary == null ? old.key() : primaryKey(newRow);
    checkKeyLength(newKey);
    boolean keyChanged = !Arrays.equals(newKey, old.key());
    byte[][] oldEntries = new byte[secondaries.size()][];
    byte[][] newEntries = new byte[secondaries.size()][];
    for (int i = 0; i < secondaries.size(); i++) {
      KeyColumns cols = secondaries.get(i).columns();
      oldEntries[i] = entryKey(cols, old.row(), old.key());
      newEntries[i] = entryKey(cols, newRow, newKey);
      checkKeyLength(newEntries[i]);
    }
    if (keyChanged && trx.readForUpdate(clustered, newKey) != null) {
      throw duplicate("PRIMARY", primary.keyText(newRow));
    }
    for (int i = 0; i < secondaries.size(); i++) {
      SecondaryIndex s = secondaries.get(i);
      if (!s.definition().unique() || Arrays.equals(oldEntries[i], newEntries[i])) {
        continue;
      }
      byte[] oldValue = s.columns().encode(old.row());
      byte[] newValue = s.columns().encode(newRow);
      if (!s.columns().hasNull(old.row())) {
        trx.lock(s.tree(), oldValue, LockMode.EXCLUSIVE);
      }
      if (!s.columns().hasNull(newRow) && !Arrays.equals(oldValue, newValue)) {
        trx.lock(s.tree(), newValue, LockMode.EXCLUSIVE);
        if (holdsEntry(s, newValue, old.key())) {
          throw duplicate(s.definition().name(), s.columns().keyText(newRow));
        }
      }
    }
    if (keyChanged) {
      trx.insert(clustered, newKey, encoded);
      trx.delete(clustered, old.key());
    } else {
      trx.update(clustered, old.key(), encoded);
    }
    for (int i = 0; i < secondaries.size(); i++) {
      if (!Arrays.equals(oldEntries[i], newEntries[i])) {
        BTree tree = secondaries.get(i).tree();
        trx.delete(tree, oldEntries[i]);
        trx.insertEntry(tree, newEntries[i], EMPTY);
      }
    }
    return true;
  }

  /** Deletes the row (found by its clustered key); false if it is gone. */
  public boolean delete(Transaction trx, Object[] row) {
    checkLive();
    checkWidth(row);
    Located old = locate(trx, row);
    if (old == null) {
      return false;
    }
    for (SecondaryIndex s : secondaries) {
      if (s.definition().unique() && !s.columns().hasNull(old.row())) {
        trx.lock(s.tree(), s.columns().encode(old.row()), LockMode.EXCLUSIVE);
      }
    }
    for (SecondaryIndex s : secondaries) {
      trx.delete(s.tree(), entryKey(s.columns(), old.row(), old.key()));
    }
    trx.delete(clustered, old.key());
    return true;
  }

  /** A stored row, exclusively locked: its clustered key and its values. */
  private record Located(byte[] key, Object[] row) {}

  /**
   * Finds and locks the stored row that {@code row} was read as. With a primary key, by its key. A
   * hidden-key table's rows carry no key: the row id is remembered for arrays this table returned;
   * for any other array the first stored row with equal values is taken (rows with equal values are
   * indistinguishable to SQL).
   */
  private Located locate(Transaction trx, Object[] row) {
    if (primary != null) {
      byte[] key = primaryKey(row);
      byte[] stored = trx.readForUpdate(clustered, key);
      return stored == null ? null : new Located(key, rowFormat.decode(stored));
    }
    byte[] key = hidden.keyOf(row);
    if (key != null) {
      byte[] stored = trx.readForUpdate(clustered, key);
      if (stored != null) {
        return new Located(key, rowFormat.decode(stored));
      }
      return null;
    }
    byte[] wanted = rowFormat.encode(0, 0, row);
    try (BTreeCursor c = clustered.scan()) {
      while (c.next()) {
        if (sameValues(c.value(), wanted)) {
          byte[] stored = trx.readForUpdate(clustered, c.key());
          if (stored != null && sameValues(stored, wanted)) {
            return new Located(c.key(), rowFormat.decode(stored));
          }
        }
      }
    }
    return null;
  }

  private static boolean sameValues(byte[] a, byte[] b) {
    return Arrays.equals(a, RowFormat.NULL_BITMAP, a.length, b, RowFormat.NULL_BITMAP, b.length);
  }

  private void checkWidth(Object[] row) {
    if (row.length != rowFormat.columnCount()) {
      throw new IllegalArgumentException(
          row.length
              + " values for table "
              + definition.name()
              + " of "
              + rowFormat.columnCount()
              + " columns");
    }
  }

  // ------------------------------------------------------------------ reads

  /** Exact match on all columns of the index (null indexName = primary), or empty. */
  public Optional<Object[]> lookup(Transaction trx, String indexName, Object[] key, ReadMode mode) {
    checkLive();
    if (isPrimary(indexName)) {
      byte[] exact = exactPrimaryKey(key);
      if (exact != null) {
        // A point read: it also locks an absent key, so FOR UPDATE of a missing row keeps others
        // from inserting it.
        byte[] stored = readRow(trx, exact, mode);
        return stored == null ? Optional.empty() : Optional.of(decode(exact, stored));
      }
    }
    KeyBound bound = KeyBound.inclusive(key);
    KeyColumns cols = isPrimary(indexName) ? primary : secondary(indexName).columns();
    try (RowCursor c = scan(trx, indexName, bound, bound, true, mode)) {
      while (c.next()) {
        Object[] row = c.row();
        if (cols == null || cols.matches(row, key)) {
          return Optional.of(row);
        }
      }
    }
    return Optional.empty();
  }

  /** The clustered key for a full primary key value, or null when the key is partial or cut. */
  private byte[] exactPrimaryKey(Object[] key) {
    if (primary == null) {
      return key.length == 1 && key[0] instanceof Number n ? HiddenRowIds.key(n.longValue()) : null;
    }
    if (key.length != primary.size() || primary.truncates(key)) {
      return null;
    }
    for (Object v : key) {
      if (v == null) {
        return null;
      }
    }
    return primary.encodeValues(key);
  }

  private boolean isPrimary(String indexName) {
    return indexName == null
        || indexName.equalsIgnoreCase("PRIMARY")
        || definition.primaryKey().map(pk -> pk.name().equalsIgnoreCase(indexName)).orElse(false);
  }

  private SecondaryIndex secondary(String indexName) {
    for (SecondaryIndex s : secondaries) {
      if (s.definition().name().equalsIgnoreCase(indexName)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Key '" + indexName + "' doesn't exist in table '" + definition.name() + "'");
  }

  /**
   * A range scan of an index; the bounds may hold values for a prefix of the index's columns. Rows
   * are read in batches, so a row this transaction moves ahead of the cursor (an update of the
   * scanned index's key) can be returned again: a caller updating while it scans must remember what
   * it changed, as MySQL does. On a prefix-length column a bound is widened to the indexed prefix,
   * so the caller filters rows itself (it has to anyway, as for any prefix index). Without a
   * primary key, the clustered index is ordered by the hidden row id (a bound there is a row id, a
   * Long).
   */
  public RowCursor scan(
      Transaction trx,
      String indexName,
      KeyBound from,
      KeyBound to,
      boolean ascending,
      ReadMode mode) {
    checkLive();
    boolean onPrimary = isPrimary(indexName);
    SecondaryIndex s = onPrimary ? null : secondary(indexName);
    KeyColumns cols = onPrimary ? primary : s.columns();
    BTree tree = onPrimary ? clustered : s.tree();
    ByteRange range = ByteRange.of(cols, from, to);
    if (range == null) {
      return TableCursor.EMPTY;
    }
    return new TableCursor(this, trx, tree, s, range, ascending, mode);
  }

  /** Reads a clustered row in the given mode (CONSISTENT without a transaction: no lock). */
  byte[] readRow(Transaction trx, byte[] key, ReadMode mode) {
    if (trx == null) {
      if (mode != ReadMode.CONSISTENT) {
        throw new IllegalArgumentException(mode + " read needs a transaction");
      }
      return clustered.get(key);
    }
    return switch (mode) {
      case CONSISTENT -> trx.readCommitted(clustered, key);
      case SHARED -> trx.read(clustered, key);
      case EXCLUSIVE -> trx.readForUpdate(clustered, key);
    };
  }

  /** Decodes a stored row, remembering the row id of a hidden-key table's row for update/delete. */
  Object[] decode(byte[] clusteredKey, byte[] stored) {
    Object[] row = rowFormat.decode(stored);
    if (primary == null) {
      hidden.remember(row, clusteredKey);
    }
    return row;
  }

  /**
   * True when a secondary entry still describes the row (it may have changed since it was read).
   */
  static boolean entryMatches(SecondaryIndex s, byte[] entry, Object[] row, byte[] clusteredKey) {
    return Arrays.equals(entry, entryKey(s.columns(), row, clusteredKey));
  }

  static byte[] entryKeyOf(SecondaryIndex s, Object[] row, byte[] clusteredKey) {
    return entryKey(s.columns(), row, clusteredKey);
  }

  static byte[] clusteredKeyOf(SecondaryIndex s, byte[] entry) {
    return clusteredKeyOf(s.columns(), entry);
  }

  // ------------------------------------------------------------------ counters and sizes

  /** The next value that would be assigned (1 on an empty table). */
  public long autoIncrement() {
    checkLive();
    return autoIncrement == null ? 1 : autoIncrement.peek();
  }

  /** ALTER TABLE ... AUTO_INCREMENT = n (never below max(column) + 1, as InnoDB). */
  public void autoIncrement(long next) {
    checkLive();
    if (autoIncrement != null) {
      autoIncrement.reset(next);
    }
  }

  /**
   * The largest value of the AUTO_INCREMENT column, through an index that starts with it (MySQL
   * requires one), else by a full scan; 0 on an empty table.
   */
  private long maxAutoIncrement() {
    if (primary != null && primary.position(0) == autoIncrementColumn) {
      try (BTreeCursor c = clustered.scan(null, true, null, true, false)) {
        return c.next() ? number(rowFormat.decode(c.value())[autoIncrementColumn]) : 0;
      }
    }
    for (SecondaryIndex s : secondaries) {
      if (s.columns().position(0) == autoIncrementColumn) {
        try (BTreeCursor c = s.tree().scan(null, true, null, true, false)) {
          while (c.next()) {
            byte[] stored = clustered.get(clusteredKeyOf(s, c.key()));
            if (stored != null) {
              return number(rowFormat.decode(stored)[autoIncrementColumn]);
            }
          }
          return 0;
        }
      }
    }
    long max = 0;
    try (BTreeCursor c = clustered.scan()) {
      while (c.next()) {
        max = Math.max(max, number(rowFormat.decode(c.value())[autoIncrementColumn]));
      }
    }
    return max;
  }

  private static long number(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** The exact number of rows, counted leaf by leaf (reads every leaf of the clustered index). */
  public long rowCount() {
    checkLive();
    return clustered.count();
  }

  /** Pages of the clustered index (nodes and overflow pages), from the tree itself. */
  public long dataPages() {
    checkLive();
    return clustered.pages().length;
  }

  /** Pages of all secondary indexes. */
  public long indexPages() {
    checkLive();
    long n = 0;
    for (SecondaryIndex s : secondaries) {
      n += s.tree().pages().length;
    }
    return n;
  }

  /**
   * Every page checksum of the tablespace, every tree's structure, and that each index agrees with
   * the rows. Unlocked: run it on a table without concurrent writes (CHECK TABLE in MySQL takes a
   * read lock), or expect transient mismatches.
   */
  public CheckResult check() {
    checkLive();
    TableChecker checker = new TableChecker(this);
    checker.checkPages(hooks.engine().tablespaces().get(spaceId()));
    return checker.run();
  }

  ColumnSpec columnSpec(int i) {
    return definition.columns().get(i).spec();
  }
}
