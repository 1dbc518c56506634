package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.SelectItem;
import io.dolly.sql.ast.TableRef;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SELECT over tables: the FROM clause (stored tables read through an {@link AccessPath}, system
 * tables, derived tables, inner/left/right/cross joins as nested loops), then WHERE, GROUP BY with
 * aggregates, HAVING, the select list, DISTINCT, ORDER BY and LIMIT; and UNIONs of selects.
 *
 * <p>A single stored table whose ORDER BY an index serves is read in index order, and with LIMIT
 * the read stops as soon as enough rows passed WHERE.
 */
final class QueryExecutor {
  /** A result with typed values, as subqueries, INSERT ... SELECT and UNION need it. */
  record Result(List<ColumnMeta> columns, List<Value[]> rows) {}

  /** One table read, for EXPLAIN. */
  record Access(String table, AccessPath path, long rows) {}

  private final SqlSession session;
  private final EvalContext outer;
  private final Evaluator constants;
  private final List<Access> accesses = new ArrayList<>();
  private final boolean describeOnly;

  QueryExecutor(SqlSession session, EvalContext outer) {
    this(session, outer, false);
  }

  /**
   * @param describeOnly only the result's columns are wanted (COM_STMT_PREPARE): no table is read
   *     and no expression evaluated, since parameters have no values yet
   */
  private QueryExecutor(SqlSession session, EvalContext outer, boolean describeOnly) {
    this.session = session;
    this.outer = outer;
    this.describeOnly = describeOnly;
    this.constants = new Evaluator(outer != null ? outer : session.evalContext());
  }

  /** The columns the query returns, without running it. */
  static List<ColumnMeta> describe(SqlSession session, Query q) {
    return new QueryExecutor(session, null, true).describe(q);
  }

  private List<ColumnMeta> describe(Query q) {
    return switch (q) {
      case Query.Union u -> describe(u.left());
      case Query.Select s -> {
        FromScope scope = new FromScope();
        for (TableRef ref : s.from()) {
          scope.addAll(source(ref, List.of(), List.of(), ReadMode.CONSISTENT, null, -1).scope);
        }
        List<Expression> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ColumnMeta> sourceMeta = new ArrayList<>();
        expand(s.items(), scope, items, names, sourceMeta);
        List<ColumnMeta> meta = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
          meta.add(meta(items.get(k), names.get(k), sourceMeta.get(k), List.of(), k));
        }
        yield meta;
      }
    };
  }

  List<Access> accesses() {
    return accesses;
  }

  ResultSet select(Query q) {
    Result r = run(q);
    List<Row> rows = new ArrayList<>(r.rows().size());
    for (Value[] values : r.rows()) {
      byte[][] cells = new byte[values.length][];
      for (int k = 0; k < values.length; k++) {
        cells[k] = values[k].bytes();
      }
      rows.add(new Row(cells));
    }
    return new ResultSet(r.columns(), rows);
  }

  List<List<Value>> rows(Query q) {
    List<List<Value>> out = new ArrayList<>();
    for (Value[] r : run(q).rows()) {
      out.add(List.of(r));
    }
    return out;
  }

  Result run(Query q) {
    return switch (q) {
      case Query.Select s -> select(s);
      case Query.Union u -> union(u);
    };
  }

  // ---- UNION

  private Result union(Query.Union u) {
    Result left = run(u.left());
    Result right = run(u.right());
    if (left.columns().size() != right.columns().size()) {
      throw new MysqlException(ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
    }
    List<Value[]> rows = new ArrayList<>(left.rows());
    rows.addAll(right.rows());
    if (!u.all()) {
      rows = distinct(rows);
    }
    if (!u.orderBy().isEmpty()) {
      FromScope scope = new FromScope();
      scope.add(null, "", left.columns());
      RowContext ctx = new RowContext(session, scope, outer);
      Evaluator ev = new Evaluator(ctx);
      List<Value[]> keys = new ArrayList<>();
      for (Value[] r : rows) {
        ctx.at(r);
        Value[] k = new Value[u.orderBy().size()];
        for (int i = 0; i < k.length; i++) {
          Expression e = u.orderBy().get(i).expression();
          k[i] = position(e, r) != null ? position(e, r) : ev.eval(e);
        }
        keys.add(k);
      }
      rows = sorted(rows, keys, u.orderBy());
    }
    return new Result(left.columns(), limit(rows, u.limit()));
  }

  private static Value position(Expression e, Value[] row) {
    if (e instanceof Expression.NumberLiteral n && n.kind() == Expression.NumberKind.INTEGER) {
      int p = NumericText.position(n.text());
      if (p < 1 || p > row.length) {
        throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, n.text(), "order clause");
      }
      return row[p - 1];
    }
    return null;
  }

  // ---- SELECT

  private Result select(Query.Select s) {
    List<Expression> where = Conditions.conjuncts(s.where());
    boolean aggregated =
        !s.groupBy().isEmpty()
            || (s.having() != null && Aggregates.contains(s.having()))
            || s.items().stream().anyMatch(i -> Aggregates.contains(i.expression()))
            || s.orderBy().stream().anyMatch(o -> Aggregates.contains(o.expression()));
    boolean single = s.from().size() == 1 && s.from().get(0) instanceof TableRef.Table;
    // Reading a single table in ORDER BY's index order, stopping after LIMIT, is only valid
    // when nothing between the scan and the LIMIT reorders or merges rows.
    boolean streamable = single && !aggregated && !s.distinct();
    FromScope scope = new FromScope();
    RowContext ctx = new RowContext(session, scope, outer);
    Evaluator ev = new Evaluator(ctx);
    ReadMode mode = readMode(s.lock());
    long stopAfter = streamable ? rowLimit(s) : -1;
    List<Value[]> rows = null;
    boolean ordered = false;
    for (TableRef ref : s.from()) {
      Source src =
          source(ref, where, streamable ? s.orderBy() : List.of(), mode, s.where(), stopAfter);
      ordered = src.ordered;
      if (rows == null) {
        scope.addAll(src.scope);
        rows = src.rows;
      } else {
        int leftWidth = scope.width();
        scope.addAll(src.scope);
        rows = crossJoin(rows, leftWidth, src.rows, scope.width());
      }
    }
    if (rows == null) {
      rows = new ArrayList<>();
      rows.add(new Value[0]);
    }
    boolean filteredAlready = single && stopAfter >= 0;
    if (s.where() != null && !filteredAlready) {
      List<Value[]> kept = new ArrayList<>();
      for (Value[] r : rows) {
        ctx.at(r);
        if (Boolean.TRUE.equals(ev.eval(s.where()).truth())) {
          kept.add(r);
        }
      }
      rows = kept;
    }

    List<Expression> items = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ColumnMeta> sourceMeta = new ArrayList<>();
    expand(s.items(), scope, items, names, sourceMeta);

    List<Value[]> out = new ArrayList<>();
    List<Value[]> keys = new ArrayList<>();
    Expression having =
        s.having() == null ? null : withAliases(s.having(), items, names, scope, true);
    if (aggregated) {
      for (List<Value[]> group : groups(rows, s.groupBy(), items, names, scope, ctx, ev)) {
        ctx.atGroup(group.isEmpty() ? null : group.get(0), group);
        if (having != null && !Boolean.TRUE.equals(ev.eval(having).truth())) {
          continue;
        }
        project(items, names, s.orderBy(), scope, ev, out, keys);
      }
    } else {
      for (Value[] r : rows) {
        ctx.at(r);
        // HAVING without grouping filters rows, seeing select-list aliases (Connector/J's
        // metadata queries rely on it).
        if (having != null && !Boolean.TRUE.equals(ev.eval(having).truth())) {
          continue;
        }
        project(items, names, s.orderBy(), scope, ev, out, keys);
      }
    }
    if (s.distinct()) {
      List<Value[]> unique = new ArrayList<>();
      List<Value[]> uniqueKeys = new ArrayList<>();
      Set<List<String>> seen = new HashSet<>();
      for (int i = 0; i < out.size(); i++) {
        if (seen.add(textKey(out.get(i)))) {
          unique.add(out.get(i));
          uniqueKeys.add(keys.get(i));
        }
      }
      out = unique;
      keys = uniqueKeys;
    }
    if (!s.orderBy().isEmpty() && !(streamable && ordered)) {
      out = sorted(out, keys, s.orderBy());
    }
    List<ColumnMeta> meta = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      meta.add(meta(items.get(k), names.get(k), sourceMeta.get(k), out, k));
    }
    return new Result(meta, limit(out, s.limit()));
  }

  private static ReadMode readMode(Query.Lock lock) {
    return switch (lock) {
      case NONE -> ReadMode.CONSISTENT;
      case FOR_UPDATE -> ReadMode.EXCLUSIVE;
      case FOR_SHARE, LOCK_IN_SHARE_MODE -> ReadMode.SHARED;
    };
  }

  /** offset + count of the LIMIT, or -1 without one. */
  private long rowLimit(Query.Select s) {
    if (s.limit() == null) {
      return -1;
    }
    long count = constants.eval(s.limit().count()).asLong();
    long offset = s.limit().offset() == null ? 0 : constants.eval(s.limit().offset()).asLong();
    return Math.max(0, count) + Math.max(0, offset);
  }

  private void expand(
      List<SelectItem> selectItems,
      FromScope scope,
      List<Expression> items,
      List<String> names,
      List<ColumnMeta> sourceMeta) {
    for (SelectItem item : selectItems) {
      if (item.expression() instanceof Expression.Star star) {
        if (scope.bindings().isEmpty()) {
          throw new MysqlException(ErrorCode.ER_NO_TABLES_USED);
        }
        boolean found = false;
        for (FromScope.Binding b : scope.bindings()) {
          if (star.qualifier() != null && !b.alias().equalsIgnoreCase(star.qualifier())) {
            continue;
          }
          found = true;
          for (ColumnMeta c : b.columns()) {
            items.add(new Expression.ColumnRef(List.of(b.alias(), c.name())));
            names.add(c.name());
            sourceMeta.add(c);
          }
        }
        if (!found) {
          throw new MysqlException(ErrorCode.ER_BAD_TABLE_ERROR, star.qualifier());
        }
        continue;
      }
      items.add(item.expression());
      names.add(SelectExecutor.columnName(item));
      ColumnMeta m = null;
      if (item.expression() instanceof Expression.ColumnRef c) {
        int i = scope.resolve(c.parts());
        if (i >= 0) {
          m = scope.columns().get(i);
        }
      }
      sourceMeta.add(m);
    }
  }

  private void project(
      List<Expression> items,
      List<String> names,
      List<OrderItem> orderBy,
      FromScope scope,
      Evaluator ev,
      List<Value[]> out,
      List<Value[]> keys) {
    Value[] values = new Value[items.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = ev.eval(items.get(k));
    }
    Value[] key = new Value[orderBy.size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = orderKey(orderBy.get(k).expression(), ev, values, names, scope);
    }
    out.add(values);
    keys.add(key);
  }

  /** ORDER BY a select-list position, an alias, or any expression over the row. */
  private static Value orderKey(
      Expression e, Evaluator ev, Value[] out, List<String> names, FromScope scope) {
    Value p = position(e, out);
    if (p != null) {
      return p;
    }
    if (e instanceof Expression.ColumnRef c && c.parts().size() == 1) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(c.name())) {
          return out[i];
        }
      }
    }
    return ev.eval(e);
  }

  /**
   * HAVING and GROUP BY may name select-list aliases; they stand for the aliased expressions.
   * HAVING prefers an alias over a column of the same name, GROUP BY the column, as MySQL.
   */
  private static Expression withAliases(
      Expression e,
      List<Expression> items,
      List<String> names,
      FromScope scope,
      boolean preferAlias) {
    if (e instanceof Expression.ColumnRef c
        && c.parts().size() == 1
        && (preferAlias || scope.resolve(c.parts()) < 0)) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(c.name())) {
          return items.get(i);
        }
      }
    }
    java.util.function.UnaryOperator<Expression> r =
        x -> x == null ? null : withAliases(x, items, names, scope, preferAlias);
    return switch (e) {
      case Expression.Binary b ->
          new Expression.Binary(b.op(), r.apply(b.left()), r.apply(b.right()));
      case Expression.Unary u -> new Expression.Unary(u.op(), r.apply(u.operand()));
      case Expression.InList in ->
          new Expression.InList(r.apply(in.value()), in.list().stream().map(r).toList(), in.not());
      case Expression.Between b ->
          new Expression.Between(r.apply(b.value()), r.apply(b.low()), r.apply(b.high()), b.not());
      case Expression.IsTest t -> new Expression.IsTest(r.apply(t.value()), t.what(), t.not());
      case Expression.Like l ->
          new Expression.Like(
              r.apply(l.value()), r.apply(l.pattern()), r.apply(l.escape()), l.not());
      default -> e;
    };
  }

  private List<List<Value[]>> groups(
      List<Value[]> rows,
      List<Expression> groupBy,
      List<Expression> items,
      List<String> names,
      FromScope scope,
      RowContext ctx,
      Evaluator ev) {
    if (groupBy.isEmpty()) {
      return List.of(rows);
    }
    List<Expression> keys = new ArrayList<>();
    for (Expression g : groupBy) {
      if (g instanceof Expression.NumberLiteral n && n.kind() == Expression.NumberKind.INTEGER) {
        int p = NumericText.position(n.text());
        if (p < 1 || p > items.size()) {
          throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, n.text(), "group statement");
        }
        keys.add(items.get(p - 1));
      } else {
        keys.add(withAliases(g, items, names, scope, false));
      }
    }
    Map<List<String>, List<Value[]>> groups = new LinkedHashMap<>();
    for (Value[] r : rows) {
      ctx.at(r);
      List<String> key = new ArrayList<>(keys.size());
      for (Expression k : keys) {
        Value v = ev.eval(k);
        key.add(
            v.isNull()
                ? null
                : v.isNumeric() ? v.text() : v.text().toUpperCase(java.util.Locale.ROOT));
      }
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
    }
    return new ArrayList<>(groups.values());
  }

  private static List<String> textKey(Value[] values) {
    List<String> key = new ArrayList<>(values.length);
    for (Value v : values) {
      key.add(
          v.isNull()
              ? null
              : v.isNumeric() ? v.decimal().stripTrailingZeros().toPlainString() : v.text());
    }
    return key;
  }

  private static List<Value[]> distinct(List<Value[]> rows) {
    List<Value[]> out = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (Value[] r : rows) {
      if (seen.add(textKey(r))) {
        out.add(r);
      }
    }
    return out;
  }

  private List<Value[]> sorted(List<Value[]> rows, List<Value[]> keys, List<OrderItem> orderBy) {
    return RowOrder.sort(rows, keys, orderBy, new Evaluator(session.evalContext()));
  }

  private List<Value[]> limit(List<Value[]> rows, io.dolly.sql.ast.Limit limit) {
    if (limit == null) {
      return rows;
    }
    long count = constants.eval(limit.count()).asLong();
    long offset = limit.offset() == null ? 0 : constants.eval(limit.offset()).asLong();
    if (offset >= rows.size() || count <= 0) {
      return List.of();
    }
    return rows.subList((int) offset, (int) Math.min(rows.size(), offset + count));
  }

  private static ColumnMeta meta(
      Expression e, String name, ColumnMeta source, List<Value[]> rows, int k) {
    if (source != null) {
      return new ColumnMeta(
          source.schema(),
          source.table(),
          source.orgTable(),
          name,
          source.orgName(),
          source.collationId(),
          source.length(),
          source.type(),
          source.flags(),
          source.decimals());
    }
    Value sample = rows.isEmpty() ? describedSample(e) : Value.NULL;
    for (Value[] r : rows) {
      if (!r[k].isNull()) {
        sample = r[k];
        break;
      }
    }
    return ColumnTyper.meta(name, sample, !sample.isNull() && !Nullability.mayBeNull(e));
  }

  /**
   * Without rows (COM_STMT_PREPARE's description, an empty result) a column is typed by its
   * expression where that is certain: COUNT is an integer, SUM and AVG are decimals.
   */
  private static Value describedSample(Expression e) {
    if (e instanceof Expression.Call c) {
      return switch (c.name()) {
        case "COUNT" -> Value.of(0);
        case "SUM", "AVG" -> Value.of(java.math.BigDecimal.ZERO);
        default -> Value.NULL;
      };
    }
    return Value.NULL;
  }

  // ---- FROM

  /** The rows one FROM entry produces; {@code ordered} when they come in ORDER BY's order. */
  private record Source(FromScope scope, List<Value[]> rows, boolean ordered) {}

  private Source source(
      TableRef ref,
      List<Expression> where,
      List<OrderItem> orderBy,
      ReadMode mode,
      Expression filter,
      long stopAfter) {
    return switch (ref) {
      case TableRef.Table t -> table(t, where, orderBy, mode, filter, stopAfter);
      case TableRef.Dual d -> new Source(new FromScope(), List.<Value[]>of(new Value[0]), false);
      case TableRef.Derived d -> derived(d);
      case TableRef.Join j -> join(j, where, mode);
    };
  }

  private Source derived(TableRef.Derived d) {
    Result r =
        describeOnly
            ? new Result(new QueryExecutor(session, outer, true).describe(d.query()), List.of())
            : new QueryExecutor(session, outer).run(d.query());
    List<ColumnMeta> columns = new ArrayList<>();
    for (ColumnMeta c : r.columns()) {
      columns.add(
          new ColumnMeta(
              "",
              d.alias(),
              d.alias(),
              c.name(),
              c.name(),
              c.collationId(),
              c.length(),
              c.type(),
              c.flags(),
              c.decimals()));
    }
    FromScope scope = new FromScope();
    scope.add(null, d.alias(), columns);
    return new Source(scope, r.rows(), false);
  }

  private Source table(
      TableRef.Table t,
      List<Expression> where,
      List<OrderItem> orderBy,
      ReadMode mode,
      Expression filter,
      long stopAfter) {
    String schema = t.name().schema() != null ? t.name().schema() : session.currentDatabase();
    String alias = t.alias() != null ? t.alias() : t.name().name();
    FromScope scope = new FromScope();
    SystemTable system = session.engine().systemTable(schema, t.name().name());
    if (system != null) {
      List<ColumnMeta> columns = new ArrayList<>();
      for (ColumnMeta c : system.columns()) {
        columns.add(
            new ColumnMeta(
                schema,
                alias,
                t.name().name(),
                c.orgName(),
                c.orgName(),
                c.collationId(),
                c.length(),
                c.type(),
                c.flags(),
                c.decimals()));
      }
      scope.add(schema, alias, columns);
      List<Value[]> rows = new ArrayList<>();
      for (List<Value> r : describeOnly ? List.<List<Value>>of() : system.rows(session)) {
        rows.add(r.toArray(new Value[0]));
      }
      return new Source(scope, rows, false);
    }
    Table table = session.storageTable(schema, t.name().name());
    TableDefinition def = table.definition();
    session.requireTable("SELECT", def.schema(), def.name());
    List<ColumnMeta> columns = ColumnTypes.metas(def, alias);
    scope.add(def.schema(), alias, columns);
    if (describeOnly) {
      return new Source(scope, List.of(), false);
    }
    AccessPath path = new AccessPlanner(def, alias, constants).plan(where, orderBy);
    List<Value[]> rows = new ArrayList<>();
    RowContext ctx = new RowContext(session, scope, outer);
    Evaluator ev = new Evaluator(ctx);
    boolean filtering = stopAfter >= 0 && filter != null;
    path.read(
        table,
        session.transaction().current(),
        mode,
        stored -> {
          session.checkKilled();
          Value[] values = StoredRows.values(def, stored);
          if (filtering) {
            ctx.at(values);
            if (!Boolean.TRUE.equals(ev.eval(filter).truth())) {
              return true;
            }
          }
          rows.add(values);
          return stopAfter < 0 || rows.size() < stopAfter;
        });
    accesses.add(new Access(alias, path, rows.size()));
    return new Source(scope, rows, path.ordered());
  }

  private Source join(TableRef.Join j, List<Expression> where, ReadMode mode) {
    boolean right = j.kind().equals("RIGHT");
    TableRef first = right ? j.right() : j.left();
    TableRef second = right ? j.left() : j.right();
    boolean outerJoin = right || j.kind().equals("LEFT");
    Source a = source(first, outerJoin ? List.of() : where, List.of(), mode, null, -1);
    Inner inner = inner(second, outerJoin ? List.of() : where, mode);
    FromScope scope = new FromScope();
    // Columns keep the written order (left table first) whichever side drives the join.
    FromScope leftScope = right ? inner.scope() : a.scope;
    FromScope rightScope = right ? a.scope : inner.scope();
    scope.addAll(leftScope);
    scope.addAll(rightScope);
    int leftWidth = leftScope.width();
    int width = scope.width();
    Expression on = joinCondition(j, leftScope, rightScope);
    RowContext ctx = new RowContext(session, scope, outer);
    Evaluator ev = new Evaluator(ctx);
    List<Value[]> rows = new ArrayList<>();
    List<Expression> keyConditions = new ArrayList<>(Conditions.conjuncts(on));
    if (!outerJoin) {
      keyConditions.addAll(where);
    }
    for (Value[] x : a.rows) {
      boolean matched = false;
      for (Value[] y : inner.rowsFor(x, a.scope, keyConditions)) {
        Value[] r = right ? concat(y, x, leftWidth, width) : concat(x, y, leftWidth, width);
        ctx.at(r);
        if (on == null || Boolean.TRUE.equals(ev.eval(on).truth())) {
          rows.add(r);
          matched = true;
        }
      }
      if (outerJoin && !matched) {
        Value[] r = new Value[width];
        java.util.Arrays.fill(r, Value.NULL);
        if (right) {
          System.arraycopy(x, 0, r, leftWidth, x.length);
        } else {
          System.arraycopy(x, 0, r, 0, x.length);
        }
        rows.add(r);
      }
    }
    return new Source(scope, rows, false);
  }

  /**
   * The inner side of a join. A stored table is read per outer row through an index when the join
   * conditions equate its key columns with the outer row's values (an index nested-loop join);
   * anything else is read once and scanned for every outer row.
   */
  private final class Inner {
    private final TableRef ref;
    private final List<Expression> where;
    private final ReadMode mode;
    private final FromScope scope;
    private final Table table;
    private final String alias;
    private List<Value[]> all;

    Inner(TableRef ref, List<Expression> where, ReadMode mode) {
      this.ref = ref;
      this.where = where;
      this.mode = mode;
      Table stored = null;
      String name = null;
      FromScope s = null;
      if (ref instanceof TableRef.Table t && !describeOnly) {
        String schema = t.name().schema() != null ? t.name().schema() : session.currentDatabase();
        if (session.engine().systemTable(schema, t.name().name()) == null) {
          stored = session.storageTable(schema, t.name().name());
          session.requireTable("SELECT", stored.definition().schema(), stored.definition().name());
          name = t.alias() != null ? t.alias() : t.name().name();
          s = new FromScope();
          TableDefinition def = stored.definition();
          List<ColumnMeta> columns = ColumnTypes.metas(def, name);
          s.add(def.schema(), name, columns);
        }
      }
      this.table = stored;
      this.alias = name;
      if (s == null) {
        Source src = source(ref, where, List.of(), mode, null, -1);
        s = src.scope;
        all = src.rows;
      }
      this.scope = s;
    }

    FromScope scope() {
      return scope;
    }

    List<Value[]> rowsFor(Value[] outerRow, FromScope outerScope, List<Expression> conditions) {
      if (table == null) {
        return all;
      }
      TableDefinition def = table.definition();
      RowContext outerCtx = new RowContext(session, outerScope, outer).at(outerRow);
      AccessPath path =
          new AccessPlanner(
                  def,
                  alias,
                  new Evaluator(outerCtx),
                  e ->
                      Conditions.isConstant(
                          e,
                          c -> scope.resolve(c.parts()) < 0 && outerScope.resolve(c.parts()) >= 0))
              .plan(conditions, List.of());
      if (path.type().equals("ALL")) {
        if (all == null) {
          all = source(ref, where, List.of(), mode, null, -1).rows;
        }
        return all;
      }
      List<Value[]> rows = new ArrayList<>();
      path.read(
          table,
          session.transaction().current(),
          mode,
          stored -> {
            session.checkKilled();
            rows.add(StoredRows.values(def, stored));
            return true;
          });
      return rows;
    }
  }

  private Inner inner(TableRef ref, List<Expression> where, ReadMode mode) {
    return new Inner(ref, where, mode);
  }

  /** ON, or the equalities USING and NATURAL JOIN imply. */
  private static Expression joinCondition(TableRef.Join j, FromScope left, FromScope right) {
    List<String> using = new ArrayList<>(j.using());
    if (j.kind().equals("NATURAL")) {
      for (ColumnMeta l : left.columns()) {
        for (ColumnMeta r : right.columns()) {
          if (l.name().equalsIgnoreCase(r.name())) {
            using.add(l.name());
          }
        }
      }
    }
    Expression on = j.on();
    for (String col : using) {
      String la = aliasOf(left, col);
      String ra = aliasOf(right, col);
      Expression eq =
          new Expression.Binary(
              "=",
              new Expression.ColumnRef(List.of(la, col)),
              new Expression.ColumnRef(List.of(ra, col)));
      on = on == null ? eq : new Expression.Binary("AND", on, eq);
    }
    return on;
  }

  private static String aliasOf(FromScope scope, String column) {
    for (FromScope.Binding b : scope.bindings()) {
      for (ColumnMeta c : b.columns()) {
        if (c.name().equalsIgnoreCase(column)) {
          return b.alias();
        }
      }
    }
    throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, column, "from clause");
  }

  private static List<Value[]> crossJoin(
      List<Value[]> left, int leftWidth, List<Value[]> right, int width) {
    List<Value[]> out = new ArrayList<>(left.size() * Math.max(1, right.size()));
    for (Value[] x : left) {
      for (Value[] y : right) {
        out.add(concat(x, y, leftWidth, width));
      }
    }
    return out;
  }

  private static Value[] concat(Value[] x, Value[] y, int leftWidth, int width) {
    Value[] r = new Value[width];
    System.arraycopy(x, 0, r, 0, leftWidth);
    System.arraycopy(y, 0, r, leftWidth, width - leftWidth);
    return r;
  }
}
