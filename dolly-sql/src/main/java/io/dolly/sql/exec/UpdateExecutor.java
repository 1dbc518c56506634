package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.Assignment;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Limit;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableRef;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.DuplicateKeyException;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Single-table UPDATE and DELETE. The rows WHERE selects are read with exclusive locks through the
 * same access paths as SELECT, sorted by ORDER BY and cut by LIMIT, all before the first change (so
 * that a change never moves a row into the rest of the scan). UPDATE assigns left to right, later
 * assignments seeing earlier ones, as MySQL does for one table.
 */
final class UpdateExecutor {
  private final SqlSession session;

  UpdateExecutor(SqlSession session) {
    this.session = session;
  }

  /** A matched row: as stored (to address it) and as values (to evaluate over it). */
  private record Match(Object[] stored, Value[] values) {}

  private record Target(Table table, String alias, FromScope scope) {}

  private Target target(io.dolly.sql.ast.TableName name, String alias) {
    Table table = session.writableTable(name.schema(), name.name());
    TableDefinition def = table.definition();
    String a = alias != null ? alias : def.name();
    FromScope scope = new FromScope();
    List<ColumnMeta> columns = ColumnTypes.metas(def, a);
    scope.add(def.schema(), a, columns);
    return new Target(table, a, scope);
  }

  private List<Match> matches(Target t, Expression where, List<OrderItem> orderBy, Limit limit) {
    TableDefinition def = t.table().definition();
    Evaluator constants = new Evaluator(session.evalContext());
    AccessPath path =
        new AccessPlanner(def, t.alias(), constants).plan(Conditions.conjuncts(where), orderBy);
    RowContext ctx = new RowContext(session, t.scope(), null);
    Evaluator ev = new Evaluator(ctx);
    List<Match> found = new ArrayList<>();
    long stopAfter =
        limit != null && (orderBy.isEmpty() || path.ordered())
            ? constants.eval(limit.count()).asLong()
            : -1;
    if (stopAfter == 0) {
      return found;
    }
    path.read(
        t.table(),
        session.transaction().current(),
        ReadMode.EXCLUSIVE,
        stored -> {
          session.checkKilled();
          Value[] values = StoredRows.values(def, stored);
          ctx.at(values);
          if (where == null || Boolean.TRUE.equals(ev.eval(where).truth())) {
            found.add(new Match(stored, values));
          }
          return stopAfter < 0 || found.size() < stopAfter;
        });
    List<Match> rows = found;
    if (!orderBy.isEmpty() && !path.ordered()) {
      List<Value[]> keys = new ArrayList<>();
      for (Match m : rows) {
        ctx.at(m.values());
        Value[] k = new Value[orderBy.size()];
        for (int i = 0; i < k.length; i++) {
          k[i] = ev.eval(orderBy.get(i).expression());
        }
        keys.add(k);
      }
      rows = RowOrder.sort(rows, keys, orderBy, constants);
    }
    if (limit != null) {
      long count = constants.eval(limit.count()).asLong();
      if (rows.size() > count) {
        rows = rows.subList(0, (int) Math.max(0, count));
      }
    }
    return rows;
  }

  UpdateResult update(Statement.Update u) {
    if (!(u.table() instanceof TableRef.Table ref)) {
      throw SyntaxErrors.unsupported("multiple-table UPDATE");
    }
    Target t = target(ref.name(), ref.alias());
    Table table = t.table();
    TableDefinition def = table.definition();
    session.requireTable("UPDATE", def.schema(), def.name());
    boolean strict = session.strictMode() && !u.ignore();
    int[] columns = new int[u.set().size()];
    for (int i = 0; i < columns.length; i++) {
      Expression.ColumnRef c = u.set().get(i).column();
      columns[i] = t.scope().resolve(c.parts());
      if (columns[i] < 0) {
        throw new MysqlException(
            ErrorCode.ER_BAD_FIELD_ERROR, String.join(".", c.parts()), "field list");
      }
    }
    Transaction trx = session.transaction().current();
    RowContext ctx = new RowContext(session, t.scope(), null);
    Evaluator ev = new Evaluator(ctx);
    long matched = 0;
    long changed = 0;
    long row = 0;
    for (Match m : matches(t, u.where(), u.orderBy(), u.limit())) {
      row++;
      matched++;
      Value[] values = m.values().clone();
      Object[] updated = m.stored().clone();
      for (int i = 0; i < columns.length; i++) {
        Assignment a = u.set().get(i);
        ColumnDefinition c = def.columns().get(columns[i]);
        ctx.at(values);
        Value v =
            a.value() instanceof Expression.Default
                ? ColumnDefaults.value(c, session)
                : ev.eval(a.value());
        Object o = StoredValues.toStored(v, new StoredValues.Target(c, row, strict, session::warn));
        if (o == null && !c.spec().nullable()) {
          if (strict) {
            throw new MysqlException(ErrorCode.ER_BAD_NULL_ERROR, c.name());
          }
          session.warn(
              Warning.warning(
                  ErrorCode.ER_BAD_NULL_ERROR.number(),
                  ErrorCode.ER_BAD_NULL_ERROR.message(c.name())));
          o =
              StoredValues.toStored(
                  ColumnDefaults.implicit(c), new StoredValues.Target(c, row, false, w -> {}));
        }
        updated[columns[i]] = o;
        values[columns[i]] = StoredValues.toValue(c.spec(), o);
      }
      if (Arrays.deepEquals(updated, m.stored())) {
        continue;
      }
      try {
        if (table.update(trx, m.stored(), updated)) {
          changed++;
        }
      } catch (DuplicateKeyException e) {
        if (!u.ignore()) {
          throw StorageErrors.duplicate(def.name(), e);
        }
        MysqlException w = StorageErrors.duplicate(def.name(), e);
        session.warn(Warning.warning(w.errorNumber(), w.getMessage()));
      }
    }
    String info =
        "Rows matched: %d  Changed: %d  Warnings: %d"
            .formatted(matched, changed, session.warningCount());
    return new UpdateResult(changed, 0, info);
  }

  UpdateResult delete(Statement.Delete d) {
    Target t = target(d.table(), null);
    session.requireTable("DELETE", t.table().definition().schema(), t.table().definition().name());
    Transaction trx = session.transaction().current();
    long deleted = 0;
    for (Match m : matches(t, d.where(), d.orderBy(), d.limit())) {
      if (t.table().delete(trx, m.stored())) {
        deleted++;
      }
    }
    return new UpdateResult(deleted, 0, "");
  }
}
