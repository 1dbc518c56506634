package io.dolly.sql.exec;

import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.OrderItem;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.TableRef;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.record.ColumnSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN in MySQL's traditional format: one row per table read, with the access type the planner
 * chose (const, ref, range, index, ALL), the index as {@code key}, and the key bytes it uses.
 * Nothing is executed.
 */
final class ExplainExecutor {
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "select_type",
          "table",
          "partitions",
          "type",
          "possible_keys",
          "key",
          "key_len",
          "ref",
          "rows",
          "filtered",
          "Extra");

  private final SqlSession session;
  private final List<Row> rows = new ArrayList<>();
  private int id;

  /** Aliases of the tables a join reads before the one being explained (its outer rows). */
  private final List<String> outerAliases = new ArrayList<>();

  /** The join conditions the table being explained may use with its outer rows' values. */
  private List<Expression> joinConditions = List.of();

  ExplainExecutor(SqlSession session) {
    this.session = session;
  }

  ResultSet explain(Statement.Explain e) {
    switch (e.statement()) {
      case Query q -> query(q, "SIMPLE");
      case Statement.Update u -> {
        id++;
        if (u.table() instanceof TableRef.Table t) {
          table(t.name(), t.alias(), u.where(), u.orderBy(), "UPDATE");
        }
      }
      case Statement.Delete d -> {
        id++;
        table(d.table(), null, d.where(), d.orderBy(), "DELETE");
      }
      case Statement.Insert i -> {
        id++;
        rows.add(withoutIndex("INSERT", i.table().name(), "ALL", null, null));
      }
      default -> throw SyntaxErrors.unsupported("EXPLAIN of this statement");
    }
    List<ColumnMeta> columns = new ArrayList<>();
    for (String c : COLUMNS) {
      columns.add(ColumnMeta.text(c, 64));
    }
    return new ResultSet(columns, rows);
  }

  private void query(Query q, String selectType) {
    switch (q) {
      case Query.Select s -> {
        id++;
        if (s.from().isEmpty()) {
          rows.add(withoutIndex(selectType, null, null, null, "No tables used"));
          return;
        }
        boolean single = s.from().size() == 1 && s.from().get(0) instanceof TableRef.Table;
        for (TableRef ref : s.from()) {
          from(
              ref,
              s.where(),
              single && s.groupBy().isEmpty() && !s.distinct() ? s.orderBy() : List.of(),
              selectType);
        }
      }
      case Query.Union u -> {
        query(u.left(), "PRIMARY");
        query(u.right(), "UNION");
      }
    }
  }

  private void from(TableRef ref, Expression where, List<OrderItem> orderBy, String selectType) {
    switch (ref) {
      case TableRef.Table t -> {
        table(t.name(), t.alias(), where, orderBy, selectType);
        outerAliases.add(t.alias() != null ? t.alias() : t.name().name());
      }
      case TableRef.Join j -> {
        from(j.left(), where, List.of(), selectType);
        if (!j.kind().equals("RIGHT")) {
          joinConditions = Conditions.conjuncts(j.on());
        }
        from(j.right(), where, List.of(), selectType);
        joinConditions = List.of();
      }
      case TableRef.Derived d -> query(d.query(), "DERIVED");
      case TableRef.Dual d -> {}
    }
  }

  private void table(
      TableName name, String alias, Expression where, List<OrderItem> orderBy, String selectType) {
    String schema = session.schemaOf(name.schema());
    String shown = alias != null ? alias : name.name();
    if (session.engine().systemTable(schema, name.name()) != null) {
      rows.add(
          withoutIndex(selectType, shown, "ALL", "100.00", where == null ? null : "Using where"));
      return;
    }
    Table table = session.storageTable(name.schema(), name.name());
    TableDefinition def = table.definition();
    List<Expression> conditions = new ArrayList<>(Conditions.conjuncts(where));
    conditions.addAll(joinConditions);
    boolean inner = !joinConditions.isEmpty();
    // Outer rows' columns have no values yet: a stand-in lets the planner see which keys the
    // join conditions would fix.
    EvalContext standIn =
        new SessionEvalContext(session) {
          @Override
          public Value column(List<String> parts) {
            return Value.of(1);
          }
        };
    AccessPath p =
        new AccessPlanner(
                def,
                shown,
                new Evaluator(standIn),
                e ->
                    Conditions.isConstant(
                        e,
                        c ->
                            inner
                                && c.parts().size() >= 2
                                && outerAliases.stream()
                                    .anyMatch(
                                        a ->
                                            a.equalsIgnoreCase(
                                                c.parts().get(c.parts().size() - 2)))))
            .plan(conditions, orderBy);
    long estimate =
        p.type().equals("const") || (inner && p.type().equals("ref"))
            ? 1
            : Math.max(1, table.rowCount());
    List<String> extra = new ArrayList<>();
    if (where != null && !p.type().equals("const")) {
      extra.add("Using where");
    }
    if (!orderBy.isEmpty() && !p.ordered() && !p.type().equals("const")) {
      extra.add("Using filesort");
    }
    String ref = null;
    if (p.type().equals("const") || p.type().equals("ref")) {
      List<String> consts = new ArrayList<>();
      for (int i = 0; i < p.keyParts(); i++) {
        consts.add("const");
      }
      ref = String.join(",", consts);
    }
    rows.add(
        Row.of(
            Integer.toString(Math.max(1, id)),
            selectType,
            shown,
            null,
            inner && p.type().equals("const") ? "eq_ref" : p.type(),
            p.keyName(),
            p.keyName(),
            p.index() == null ? null : Integer.toString(keyLength(def, p)),
            ref,
            Long.toString(estimate),
            "100.00",
            extra.isEmpty() ? null : String.join("; ", extra)));
  }

  /** A plan row that names no index: possible_keys, key, key_len, ref and rows are NULL. */
  private Row withoutIndex(
      String selectType, String table, String type, String filtered, String extra) {
    return Row.of(
        Integer.toString(Math.max(1, id)),
        selectType,
        table,
        null,
        type,
        null,
        null,
        null,
        null,
        null,
        filtered,
        extra);
  }

  /** MySQL's key_len: bytes per used key part, +1 if nullable, +2 for variable length. */
  private static int keyLength(TableDefinition def, AccessPath p) {
    int parts = p.type().equals("index") ? p.index().columns().size() : p.keyParts();
    int total = 0;
    for (int i = 0; i < parts; i++) {
      String col = p.index().columns().get(i);
      for (ColumnDefinition c : def.columns()) {
        if (c.name().equalsIgnoreCase(col)) {
          total += bytes(c.spec());
        }
      }
    }
    return total;
  }

  private static int bytes(ColumnSpec s) {
    int n =
        switch (s.kind()) {
          case TINYINT, YEAR -> 1;
          case SMALLINT -> 2;
          case MEDIUMINT, DATE -> 3;
          case INT, FLOAT -> 4;
          case BIGINT, DOUBLE -> 8;
          case DECIMAL -> (s.precision() + 1) / 2 + 1;
          case DATETIME -> 5 + (s.fsp() + 1) / 2;
          case TIMESTAMP -> 4 + (s.fsp() + 1) / 2;
          case TIME -> 3 + (s.fsp() + 1) / 2;
          case CHAR -> s.length() * 4;
          case BINARY -> s.length();
          case VARCHAR -> s.length() * 4 + 2;
          case VARBINARY -> s.length() + 2;
          default -> 767;
        };
    return n + (s.nullable() ? 1 : 0);
  }
}
