package io.dolly.sql.exec;

import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Query;
import java.util.List;

/**
 * Evaluation over one row of a FROM clause. Columns resolve in the clause first, then in the
 * enclosing query's row (correlated subqueries); aggregates run over the row's group, which is the
 * row itself when the query does not aggregate.
 */
class RowContext extends SessionEvalContext {
  private final SqlSession session;
  private final FromScope scope;
  private final EvalContext outer;
  private Value[] row;
  private List<Value[]> group;

  RowContext(SqlSession session, FromScope scope, EvalContext outer) {
    super(session);
    this.session = session;
    this.scope = scope;
    this.outer = outer;
  }

  RowContext at(Value[] newRow) {
    this.row = newRow;
    this.group = null;
    return this;
  }

  RowContext atGroup(Value[] first, List<Value[]> rows) {
    this.row = first;
    this.group = rows;
    return this;
  }

  Value[] row() {
    return row;
  }

  @Override
  public Value column(List<String> parts) {
    int i = scope.resolve(parts);
    if (i >= 0) {
      return row == null ? Value.NULL : row[i];
    }
    if (outer != null) {
      return outer.column(parts);
    }
    return super.column(parts);
  }

  @Override
  public Value aggregate(Expression.Call call) {
    List<Value[]> rows = group != null ? group : (row == null ? List.of() : List.<Value[]>of(row));
    RowContext each = new RowContext(session, scope, outer);
    Evaluator ev = new Evaluator(each);
    Evaluator plain = new Evaluator(this);
    return Aggregates.compute(call, rows.size(), i -> evalAt(each, ev, rows.get(i), call), plain);
  }

  private static Value evalAt(RowContext each, Evaluator ev, Value[] r, Expression.Call call) {
    each.at(r);
    return ev.eval(call.args().get(0));
  }

  @Override
  public List<List<Value>> subquery(Query query) {
    return new QueryExecutor(session, this).rows(query);
  }
}
