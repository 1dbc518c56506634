package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Limit;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.SelectItem;
import io.dolly.sql.ast.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SELECT without tables (or FROM DUAL), and UNIONs of them. */
final class SelectExecutor {
  private final SqlSession session;
  private final Evaluator evaluator;

  SelectExecutor(SqlSession session) {
    this.session = session;
    this.evaluator = new Evaluator(session.evalContext());
  }

  ResultSet select(Query q) {
    if (q instanceof Query.Union u && usesTables(u)) {
      return new QueryExecutor(session, null).select(u);
    }
    return switch (q) {
      case Query.Select s -> single(s);
      case Query.Union u -> union(u);
    };
  }

  private ResultSet union(Query.Union u) {
    ResultSet left = select(u.left());
    ResultSet right = select(u.right());
    if (left.columns().size() != right.columns().size()) {
      throw new MysqlException(
          ErrorCode.ER_NOT_SUPPORTED_YET, "UNION of selects with different column counts");
    }
    List<Row> rows = new ArrayList<>(left.rows());
    rows.addAll(right.rows());
    if (!u.all()) {
      Set<Row> distinct = new LinkedHashSet<>(rows);
      rows = new ArrayList<>(distinct);
    }
    if (!u.orderBy().isEmpty()) {
      throw SyntaxErrors.unsupported("ORDER BY on a UNION");
    }
    return new ResultSet(left.columns(), limit(rows, u.limit()));
  }

  private ResultSet single(Query.Select s) {
    if (s.from().size() == 1 && s.from().get(0) instanceof TableRef.Table t) {
      String schema = t.name().schema() != null ? t.name().schema() : session.currentDatabase();
      SystemTable table = session.engine().systemTable(schema, t.name().name());
      if (table != null && s.groupBy().isEmpty() && s.having() == null) {
        return new TableScan(session, table, schema, t).select(s);
      }
    }
    for (TableRef ref : s.from()) {
      if (!(ref instanceof TableRef.Dual)) {
        return new QueryExecutor(session, null).select(s);
      }
    }
    if (!s.groupBy().isEmpty() || s.having() != null) {
      throw SyntaxErrors.unsupported("GROUP BY without tables");
    }
    boolean keep = s.where() == null || Boolean.TRUE.equals(evaluator.eval(s.where()).truth());
    List<Value> values = new ArrayList<>(s.items().size());
    for (SelectItem item : s.items()) {
      if (item.expression() instanceof Expression.Star) {
        throw new MysqlException(ErrorCode.ER_NO_TABLES_USED);
      }
      values.add(evaluator.eval(item.expression()));
    }
    List<ColumnMeta> columns = new ArrayList<>(values.size());
    byte[][] cells = new byte[values.size()][];
    for (int i = 0; i < values.size(); i++) {
      SelectItem item = s.items().get(i);
      Value v = values.get(i);
      columns.add(
          ColumnTyper.meta(
              columnName(item), v, !v.isNull() && !Nullability.mayBeNull(item.expression())));
      cells[i] = v.bytes();
    }
    List<Row> rows = keep ? List.of(new Row(cells)) : List.of();
    return new ResultSet(columns, limit(rows, s.limit()));
  }

  private static boolean usesTables(Query q) {
    return switch (q) {
      case Query.Select s -> s.from().stream().anyMatch(r -> !(r instanceof TableRef.Dual));
      case Query.Union u -> usesTables(u.left()) || usesTables(u.right()) || !u.orderBy().isEmpty();
    };
  }

  /** MySQL names a column by its alias, a string literal by its value, else by its text. */
  static String columnName(SelectItem item) {
    if (item.alias() != null) {
      return item.alias();
    }
    if (item.expression() instanceof Expression.StringLiteral lit) {
      return lit.value();
    }
    return item.text();
  }

  static List<Row> limit(Evaluator evaluator, List<Row> rows, Limit limit) {
    if (limit == null) {
      return rows;
    }
    long count = evaluator.eval(limit.count()).asLong();
    long offset = limit.offset() == null ? 0 : evaluator.eval(limit.offset()).asLong();
    if (offset >= rows.size() || count <= 0) {
      return List.of();
    }
    return rows.subList((int) offset, (int) Math.min(rows.size(), offset + count));
  }

  private List<Row> limit(List<Row> rows, Limit limit) {
    if (limit == null) {
      return rows;
    }
    long count = evaluator.eval(limit.count()).asLong();
    long offset = limit.offset() == null ? 0 : evaluator.eval(limit.offset()).asLong();
    if (offset >= rows.size() || count <= 0) {
      return List.of();
    }
    return rows.subList((int) offset, (int) Math.min(rows.size(), offset + count));
  }
}
