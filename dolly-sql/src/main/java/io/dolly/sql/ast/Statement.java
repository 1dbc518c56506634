package io.dolly.sql.ast;

import java.util.List;

/** A parsed SQL statement. */
public sealed interface Statement
    permits Query,
        Statement.Insert,
        Statement.Update,
        Statement.Delete,
        Ddl,
        Admin,
        Statement.Explain {

  record Insert(
      boolean replace,
      boolean ignore,
      TableName table,
      List<String> columns,
      List<List<Expression>> rows,
      List<Assignment> set,
      Query select,
      String rowAlias,
      List<Assignment> onDuplicate)
      implements Statement {
    public Insert {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      set = List.copyOf(set);
      onDuplicate = List.copyOf(onDuplicate);
    }
  }

  record Update(
      boolean ignore,
      TableRef table,
      List<Assignment> set,
      Expression where,
      List<OrderItem> orderBy,
      Limit limit)
      implements Statement {
    public Update {
      set = List.copyOf(set);
      orderBy = List.copyOf(orderBy);
    }
  }

  record Delete(
      boolean ignore, TableName table, Expression where, List<OrderItem> orderBy, Limit limit)
      implements Statement {
    public Delete {
      orderBy = List.copyOf(orderBy);
    }
  }

  /** EXPLAIN of a SELECT, INSERT, UPDATE or DELETE. */
  record Explain(Statement statement) implements Statement {}
}
