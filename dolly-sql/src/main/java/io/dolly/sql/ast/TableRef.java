package io.dolly.sql.ast;

import java.util.List;

/** An entry of a FROM clause. */
public sealed interface TableRef {
  record Table(TableName name, String alias) implements TableRef {}

  record Derived(Query query, String alias) implements TableRef {}

  /** FROM DUAL. */
  record Dual() implements TableRef {}

  /**
   * @param kind INNER, CROSS, LEFT, RIGHT, STRAIGHT_JOIN or NATURAL
   */
  record Join(TableRef left, TableRef right, String kind, Expression on, List<String> using)
      implements TableRef {
    public Join {
      using = List.copyOf(using);
    }
  }
}
