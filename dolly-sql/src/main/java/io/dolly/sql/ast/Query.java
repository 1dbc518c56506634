package io.dolly.sql.ast;

import java.util.List;

/** A query expression: a SELECT or a UNION of them. */
public sealed interface Query extends Statement {

  enum Lock {
    NONE,
    FOR_UPDATE,
    FOR_SHARE,
    LOCK_IN_SHARE_MODE
  }

  record Select(
      boolean distinct,
      List<SelectItem> items,
      List<TableRef> from,
      Expression where,
      List<Expression> groupBy,
      Expression having,
      List<OrderItem> orderBy,
      Limit limit,
      Lock lock)
      implements Query {
    public Select {
      items = List.copyOf(items);
      from = List.copyOf(from);
      groupBy = List.copyOf(groupBy);
      orderBy = List.copyOf(orderBy);
    }
  }

  record Union(Query left, Query right, boolean all, List<OrderItem> orderBy, Limit limit)
      implements Query {
    public Union {
      orderBy = List.copyOf(orderBy);
    }
  }
}
