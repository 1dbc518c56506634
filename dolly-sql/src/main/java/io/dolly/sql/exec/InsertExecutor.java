package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.Assignment;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Statement;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.DuplicateKeyException;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * INSERT and REPLACE: VALUES rows, SET, or a SELECT; column defaults and AUTO_INCREMENT; IGNORE
 * (errors become warnings, duplicates are skipped); ON DUPLICATE KEY UPDATE with VALUES(col) and a
 * row alias; REPLACE deletes the rows a new row collides with. Affected rows and the info text are
 * MySQL's: 1 per inserted row, 2 per row changed by ON DUPLICATE KEY UPDATE, 1 per REPLACE-deleted
 * row, "Records: 3 Duplicates: 0 Warnings: 0" for several rows.
 */
final class InsertExecutor {
  /** The qualifier under which ON DUPLICATE KEY UPDATE sees the row that was to be inserted. */
  private static final String NEW_ROW = "\u0001new";

  private final SqlSession session;
  private Table table;
  private TableDefinition def;
  private Transaction trx;
  private boolean strict;
  private long affected;
  private long duplicates;
  private long records;
  private long firstGenerated;
  private long lastExplicitId;

  InsertExecutor(SqlSession session) {
    this.session = session;
  }

  UpdateResult insert(Statement.Insert ins) {
    table = session.writableTable(ins.table().schema(), ins.table().name());
    def = table.definition();
    session.requireTable("INSERT", def.schema(), def.name());
    if (ins.replace()) {
      session.requireTable("DELETE", def.schema(), def.name());
    }
    if (!ins.onDuplicate().isEmpty()) {
      session.requireTable("UPDATE", def.schema(), def.name());
    }
    trx = session.transaction().current();
    strict = session.strictMode() && !ins.ignore();
    int[] columns = columns(ins);
    List<Value[]> given = sourceRows(ins, columns.length);
    long row = 0;
    for (Value[] values : given) {
      session.checkKilled();
      row++;
      Object[] stored = storedRow(columns, values, row, given.size() == 1 && ins.select() == null);
      records++;
      insertRow(ins, stored, values, columns, row);
    }
    if (firstGenerated != 0) {
      session.setLastInsertId(firstGenerated);
    }
    long insertId = firstGenerated != 0 ? firstGenerated : lastExplicitId;
    String info =
        given.size() > 1 || ins.select() != null
            ? "Records: %d  Duplicates: %d  Warnings: %d"
                .formatted(records, duplicates, session.warningCount())
            : "";
    return new UpdateResult(affected, insertId, info);
  }

  private int[] columns(Statement.Insert ins) {
    List<String> names;
    if (!ins.set().isEmpty()) {
      names = ins.set().stream().map(a -> a.column().name()).toList();
    } else if (!ins.columns().isEmpty()) {
      names = ins.columns();
    } else {
      int[] all = new int[def.columns().size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = columnIndex(names.get(i), "field list");
    }
    return out;
  }

  private int columnIndex(String name, String clause) {
    for (int i = 0; i < def.columns().size(); i++) {
      if (def.columns().get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, name, clause);
  }

  /** The values of each row to insert; null entries stand for DEFAULT. */
  private List<Value[]> sourceRows(Statement.Insert ins, int width) {
    List<Value[]> rows = new ArrayList<>();
    if (ins.select() != null) {
      QueryExecutor.Result r = new QueryExecutor(session, null).run(ins.select());
      if (r.columns().size() != width) {
        throw new MysqlException(ErrorCode.ER_WRONG_VALUE_COUNT_ON_ROW, 1);
      }
      return r.rows();
    }
    List<List<Expression>> exprs =
        ins.set().isEmpty()
            ? ins.rows()
            : List.of(ins.set().stream().map(Assignment::value).toList());
    Evaluator ev = new Evaluator(session.evalContext());
    long n = 0;
    for (List<Expression> row : exprs) {
      n++;
      if (row.size() != width && !(row.isEmpty() && ins.columns().isEmpty())) {
        throw new MysqlException(ErrorCode.ER_WRONG_VALUE_COUNT_ON_ROW, n);
      }
      Value[] values = new Value[width];
      for (int i = 0; i < row.size(); i++) {
        Expression e = row.get(i);
        values[i] = e instanceof Expression.Default ? null : ev.eval(e);
      }
      rows.add(values);
    }
    return rows;
  }

  /** The full stored row: given values converted, the rest from defaults. */
  private Object[] storedRow(int[] columns, Value[] values, long row, boolean singleRow) {
    int n = def.columns().size();
    Value[] full = new Value[n];
    boolean[] given = new boolean[n];
    for (int i = 0; i < columns.length; i++) {
      full[columns[i]] = values[i];
      given[columns[i]] = values[i] != null;
    }
    Object[] stored = new Object[n];
    for (int i = 0; i < n; i++) {
      ColumnDefinition c = def.columns().get(i);
      Value v = full[i];
      if (v == null) {
        if (c.autoIncrement()) {
          continue;
        }
        if (!c.hasDefault() && !c.spec().nullable()) {
          v = ColumnDefaults.missing(c, row, strict, session);
        } else {
          v = ColumnDefaults.value(c, session);
        }
      }
      if (c.autoIncrement() && (v.isNull() || (v.isNumeric() && v.asLong() == 0))) {
        continue;
      }
      stored[i] = convert(c, v, row, given[i] && singleRow);
    }
    return stored;
  }

  private Object convert(ColumnDefinition c, Value v, long row, boolean nullIsError) {
    Object o = StoredValues.toStored(v, new StoredValues.Target(c, row, strict, session::warn));
    if (o == null && !c.spec().nullable()) {
      if (strict || nullIsError) {
        throw new MysqlException(ErrorCode.ER_BAD_NULL_ERROR, c.name());
      }
      session.warn(
          Warning.warning(
              ErrorCode.ER_BAD_NULL_ERROR.number(), ErrorCode.ER_BAD_NULL_ERROR.message(c.name())));
      o =
          StoredValues.toStored(
              ColumnDefaults.implicit(c), new StoredValues.Target(c, row, false, w -> {}));
    }
    return o;
  }

  private void insertRow(
      Statement.Insert ins, Object[] stored, Value[] given, int[] columns, long row) {
    for (int attempt = 0; ; attempt++) {
      // The storage fills a generated AUTO_INCREMENT value into the row it is given; a conflict
      // is with the row as tried, generated key included.
      Object[] tried = stored.clone();
      try {
        long id = table.insert(trx, tried);
        affected++;
        if (id != 0 && firstGenerated == 0) {
          firstGenerated = id;
        }
        recordExplicitId(stored);
        return;
      } catch (DuplicateKeyException e) {
        stored = tried;
        if (ins.replace() && attempt < def.indexes().size() + 1) {
          Object[] old = conflicting(e, stored);
          if (old != null && table.delete(trx, old)) {
            affected++;
            duplicates += attempt == 0 ? 1 : 0;
            continue;
          }
        }
        if (!ins.onDuplicate().isEmpty()) {
          duplicates++;
          updateExisting(ins, e, stored, row);
          return;
        }
        if (ins.ignore()) {
          duplicates++;
          MysqlException m = StorageErrors.duplicate(def.name(), e);
          session.warn(Warning.warning(m.errorNumber(), m.getMessage()));
          return;
        }
        throw StorageErrors.duplicate(def.name(), e);
      }
    }
  }

  private void recordExplicitId(Object[] stored) {
    for (int i = 0; i < stored.length; i++) {
      if (def.columns().get(i).autoIncrement() && stored[i] instanceof Long l) {
        lastExplicitId = l;
      }
    }
  }

  /** The existing row that holds the key a new row collides with on {@code e}'s index. */
  private Object[] conflicting(DuplicateKeyException e, Object[] stored) {
    IndexDefinition index =
        def.indexes().stream()
            .filter(i -> i.name().equalsIgnoreCase(e.indexName()))
            .findFirst()
            .orElse(null);
    if (index == null) {
      return null;
    }
    Object[] key = new Object[index.columns().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = stored[columnIndex(index.columns().get(k), "field list")];
    }
    String name = index.kind() == IndexKind.PRIMARY ? null : index.name();
    Optional<Object[]> row = table.lookup(trx, name, key, ReadMode.EXCLUSIVE);
    return row.orElse(null);
  }

  private void updateExisting(
      Statement.Insert ins, DuplicateKeyException e, Object[] stored, long row) {
    Object[] old = conflicting(e, stored);
    if (old == null) {
      throw StorageErrors.duplicate(def.name(), e);
    }
    FromScope scope = new FromScope();
    List<ColumnMeta> columns = ColumnTypes.metas(def, def.name());
    scope.add(def.schema(), def.name(), columns);
    scope.addQualifiedOnly(null, ins.rowAlias() != null ? ins.rowAlias() : NEW_ROW, columns);
    int n = def.columns().size();
    Value[] current = new Value[2 * n];
    System.arraycopy(StoredRows.values(def, old), 0, current, 0, n);
    System.arraycopy(StoredRows.values(def, stored), 0, current, n, n);
    RowContext ctx = new RowContext(session, scope, null);
    Evaluator ev = new Evaluator(ctx);
    Object[] updated = old.clone();
    for (Assignment a : ins.onDuplicate()) {
      int i = columnIndex(a.column().name(), "field list");
      ctx.at(current);
      Value v =
          a.value() instanceof Expression.Default
              ? ColumnDefaults.value(def.columns().get(i), session)
              : ev.eval(newRowReferences(a.value()));
      updated[i] = convert(def.columns().get(i), v, row, true);
      current[i] = StoredValues.toValue(def.columns().get(i).spec(), updated[i]);
    }
    if (Arrays.deepEquals(old, updated)) {
      return;
    }
    try {
      table.update(trx, old, updated);
    } catch (DuplicateKeyException again) {
      throw StorageErrors.duplicate(def.name(), again);
    }
    affected += 2;
  }

  /** VALUES(col) reads the row that was to be inserted. */
  private static Expression newRowReferences(Expression e) {
    return switch (e) {
      case Expression.Call c
          when c.name().equals("VALUES")
              && c.args().size() == 1
              && c.args().get(0) instanceof Expression.ColumnRef ref ->
          new Expression.ColumnRef(List.of(NEW_ROW, ref.name()));
      case Expression.Call c ->
          new Expression.Call(
              c.name(),
              c.args().stream().map(InsertExecutor::newRowReferences).toList(),
              c.distinct());
      case Expression.Binary b ->
          new Expression.Binary(b.op(), newRowReferences(b.left()), newRowReferences(b.right()));
      case Expression.Unary u -> new Expression.Unary(u.op(), newRowReferences(u.operand()));
      default -> e;
    };
  }
}
