package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.SelectItem;
import io.dolly.sql.ast.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SELECT over one {@link SystemTable}: projection, WHERE, ORDER BY and LIMIT, evaluated row by row.
 * Aggregates and GROUP BY are not supported yet.
 */
final class TableScan {
  private final SqlSession session;
  private final SystemTable table;
  private final String schema;
  private final TableRef.Table ref;

  TableScan(SqlSession session, SystemTable table, String schema, TableRef.Table ref) {
    this.session = session;
    this.table = table;
    this.schema = schema;
    this.ref = ref;
  }

  ResultSet select(Query.Select s) {
    if (!s.groupBy().isEmpty() || s.having() != null) {
      throw SyntaxErrors.unsupported("GROUP BY on system tables");
    }
    List<ColumnMeta> columns = table.columns();
    List<Expression> items = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SelectItem item : s.items()) {
      if (item.expression() instanceof Expression.Star) {
        for (ColumnMeta c : columns) {
          items.add(new Expression.ColumnRef(List.of(c.orgName())));
          names.add(c.name());
        }
      } else {
        items.add(item.expression());
        names.add(SelectExecutor.columnName(item));
      }
    }
    List<List<Value>> matching = new ArrayList<>();
    for (List<Value> row : table.rows(session)) {
      Evaluator ev = new Evaluator(rowContext(columns, row));
      if (s.where() == null || Boolean.TRUE.equals(ev.eval(s.where()).truth())) {
        matching.add(row);
      }
    }
    List<List<Value>> projected = new ArrayList<>();
    List<List<Value>> sortKeys = new ArrayList<>();
    boolean aggregated = items.stream().anyMatch(Aggregates::contains);
    // Without GROUP BY, aggregates make one row over the whole matching set.
    List<List<Value>> sources = aggregated ? List.of(firstOrNulls(matching, columns)) : matching;
    for (List<Value> row : sources) {
      Evaluator ev =
          new Evaluator(aggregated ? setContext(columns, row, matching) : rowContext(columns, row));
      List<Value> out = new ArrayList<>(items.size());
      for (Expression e : items) {
        out.add(ev.eval(e));
      }
      List<Value> keys = new ArrayList<>();
      for (OrderItem o : s.orderBy()) {
        keys.add(orderKey(o.expression(), ev, out, names));
      }
      projected.add(out);
      sortKeys.add(keys);
    }
    Evaluator plain = new Evaluator(session.evalContext());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < projected.size(); i++) {
      order.add(i);
    }
    if (!s.orderBy().isEmpty()) {
      order.sort(comparator(s.orderBy(), sortKeys, plain));
    }
    List<Row> rows = new ArrayList<>();
    for (int i : order) {
      List<Value> values = projected.get(i);
      byte[][] cells = new byte[values.size()][];
      for (int k = 0; k < values.size(); k++) {
        cells[k] = values.get(k).bytes();
      }
      rows.add(new Row(cells));
    }
    List<ColumnMeta> meta = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      meta.add(columnMeta(items.get(k), names.get(k), columns, projected, k));
    }
    return new ResultSet(meta, SelectExecutor.limit(plain, rows, s.limit()));
  }

  /** ORDER BY a select-list position, an alias, or any expression over the row. */
  private static Value orderKey(Expression e, Evaluator ev, List<Value> out, List<String> names) {
    if (e instanceof Expression.NumberLiteral n && n.kind() == Expression.NumberKind.INTEGER) {
      int position = NumericText.position(n.text());
      if (position < 1 || position > out.size()) {
        throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, n.text(), "order clause");
      }
      return out.get(position - 1);
    }
    if (e instanceof Expression.ColumnRef c && c.parts().size() == 1) {
      int i = indexOfIgnoreCase(names, c.name());
      if (i >= 0) {
        return out.get(i);
      }
    }
    return ev.eval(e);
  }

  private static Comparator<Integer> comparator(
      List<OrderItem> orderBy, List<List<Value>> keys, Evaluator ev) {
    return (a, b) -> {
      for (int k = 0; k < orderBy.size(); k++) {
        Value x = keys.get(a).get(k);
        Value y = keys.get(b).get(k);
        // NULLs sort first ascending, as in MySQL.
        int c = x.isNull() ? (y.isNull() ? 0 : -1) : y.isNull() ? 1 : ev.compare(x, y);
        if (c != 0) {
          return orderBy.get(k).descending() ? -c : c;
        }
      }
      return 0;
    };
  }

  private ColumnMeta columnMeta(
      Expression e, String name, List<ColumnMeta> columns, List<List<Value>> rows, int k) {
    if (e instanceof Expression.ColumnRef c) {
      for (ColumnMeta m : columns) {
        if (m.orgName().equalsIgnoreCase(c.name())) {
          String alias = ref.alias() != null ? ref.alias() : ref.name().name();
          return new ColumnMeta(
              schema,
              alias,
              ref.name().name(),
              name,
              m.orgName(),
              m.collationId(),
              m.length(),
              m.type(),
              m.flags(),
              m.decimals());
        }
      }
    }
    Value sample = rows.isEmpty() ? Value.NULL : rows.get(0).get(k);
    return ColumnTyper.meta(name, sample, false);
  }

  private static List<Value> firstOrNulls(List<List<Value>> rows, List<ColumnMeta> columns) {
    if (!rows.isEmpty()) {
      return rows.get(0);
    }
    List<Value> nulls = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      nulls.add(Value.NULL);
    }
    return nulls;
  }

  /** Columns read from a representative row; aggregates run over every matching row. */
  private EvalContext setContext(
      List<ColumnMeta> columns, List<Value> representative, List<List<Value>> matching) {
    EvalContext base = rowContext(columns, representative);
    return new SessionEvalContext(session) {
      @Override
      public Value column(List<String> parts) {
        return base.column(parts);
      }

      @Override
      public Value aggregate(io.dolly.sql.ast.Expression.Call call) {
        Evaluator ev = new Evaluator(this);
        return Aggregates.compute(
            call,
            matching.size(),
            i -> new Evaluator(rowContext(columns, matching.get(i))).eval(call.args().get(0)),
            ev);
      }
    };
  }

  private EvalContext rowContext(List<ColumnMeta> columns, List<Value> row) {
    String tableName = ref.name().name();
    return new SessionEvalContext(session) {
      @Override
      public Value column(List<String> parts) {
        if (parts.size() >= 2) {
          String qualifier = parts.get(parts.size() - 2);
          boolean matches =
              qualifier.equalsIgnoreCase(tableName)
                  || (ref.alias() != null && qualifier.equalsIgnoreCase(ref.alias()));
          if (!matches) {
            return super.column(parts);
          }
        }
        for (int i = 0; i < columns.size(); i++) {
          if (columns.get(i).orgName().equalsIgnoreCase(parts.getLast())) {
            return row.get(i);
          }
        }
        return super.column(parts);
      }
    };
  }

  private static int indexOfIgnoreCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
