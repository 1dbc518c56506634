package io.dolly.sql.exec;

import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.OrderItem;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses how to read one table from the WHERE conditions on its columns: equality (=, IN) on a
 * prefix of an index's columns, then at most one range (&lt;, &lt;=, &gt;, &gt;=, BETWEEN) on the
 * next column. A primary or unique key matched completely by equalities is a point lookup (const);
 * otherwise the index constraining most columns wins, the primary key on ties; without any usable
 * condition the table is scanned (ALL), in the order of an index when that serves ORDER BY.
 *
 * <p>The chosen ranges may cover more rows than the conditions accept (the conditions are checked
 * again on every row), never fewer: a constant that does not convert exactly to the column's type
 * widens a range bound to inclusive and disables an equality.
 */
final class AccessPlanner {
  /** The most key ranges an IN list may expand to before a range scan is preferred. */
  private static final int MAX_POINTS = 1000;

  /** What the conditions say about one column. */
  private static final class Bounds {
    List<Object> equal;
    Object low;
    boolean lowInclusive;
    Object high;
    boolean highInclusive;
  }

  private final TableDefinition table;
  private final String alias;
  private final Evaluator constants;
  private final Map<String, Bounds> bounds = new HashMap<>();

  private final java.util.function.Predicate<Expression> isConstant;

  AccessPlanner(TableDefinition table, String alias, Evaluator constants) {
    this(table, alias, constants, Conditions::isConstant);
  }

  /**
   * @param constants evaluates the expressions {@code isConstant} accepts (for a join's inner
   *     table: constants and the outer row's columns)
   */
  AccessPlanner(
      TableDefinition table,
      String alias,
      Evaluator constants,
      java.util.function.Predicate<Expression> isConstant) {
    this.table = table;
    this.alias = alias;
    this.constants = constants;
    this.isConstant = isConstant;
  }

  AccessPath plan(List<Expression> conjuncts, List<OrderItem> orderBy) {
    for (Expression c : conjuncts) {
      try {
        consider(c);
      } catch (MysqlException e) {
        // A constant that cannot be compared with the column: leave it to the row filter.
      }
    }
    AccessPath best = null;
    int bestScore = 0;
    for (IndexDefinition index : table.indexes()) {
      AccessPath p = pathFor(index);
      if (p == null) {
        continue;
      }
      int score = score(index, p);
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    if (best != null) {
      return orderedBy(best, orderBy);
    }
    return orderedScan(orderBy);
  }

  private static int score(IndexDefinition index, AccessPath p) {
    if (p.type().equals("const")) {
      return 10_000;
    }
    int score = p.keyParts() * 10 + (p.type().equals("range") ? 5 : 0);
    return score * 2 + (index.kind() == IndexKind.PRIMARY ? 1 : 0);
  }

  // ---- conditions

  private void consider(Expression c) {
    switch (c) {
      case Expression.Binary b when isComparison(b.op()) -> {
        String col = column(b.left());
        if (col != null && isConstant.test(b.right())) {
          bound(col, b.op(), constants.eval(b.right()));
        } else if ((col = column(b.right())) != null && isConstant.test(b.left())) {
          bound(col, mirror(b.op()), constants.eval(b.left()));
        }
      }
      case Expression.Between b when !b.not() -> {
        String col = column(b.value());
        if (col != null && isConstant.test(b.low()) && isConstant.test(b.high())) {
          bound(col, ">=", constants.eval(b.low()));
          bound(col, "<=", constants.eval(b.high()));
        }
      }
      case Expression.InList in when !in.not() -> {
        String col = column(in.value());
        if (col != null && in.list().stream().allMatch(isConstant)) {
          List<Object> keys = new ArrayList<>();
          for (Expression e : in.list()) {
            Value v = constants.eval(e);
            if (v.isNull()) {
              continue;
            }
            Object k = exactKey(col, v);
            if (k == null) {
              return;
            }
            // IN (1, 1) or ('a', 'A'): one key range each, or rows would come twice.
            boolean seen = false;
            for (Object other : keys) {
              seen |=
                  constants.compare(StoredValues.toValue(definition(col).spec(), other), v) == 0;
            }
            if (!seen) {
              keys.add(k);
            }
          }
          Bounds b = bounds.computeIfAbsent(col, k -> new Bounds());
          if (b.equal == null) {
            b.equal = keys;
          }
        }
      }
      default -> {}
    }
  }

  private static boolean isComparison(String op) {
    return switch (op) {
      case "=", "<", "<=", ">", ">=" -> true;
      default -> false;
    };
  }

  private static String mirror(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  /** The column of this table an expression names, lower-cased, or null. */
  private String column(Expression e) {
    if (!(e instanceof Expression.ColumnRef ref)) {
      return null;
    }
    List<String> parts = ref.parts();
    if (parts.size() >= 2 && !parts.get(parts.size() - 2).equalsIgnoreCase(alias)) {
      return null;
    }
    for (ColumnDefinition c : table.columns()) {
      if (c.name().equalsIgnoreCase(parts.getLast())) {
        return c.name().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private void bound(String col, String op, Value v) {
    if (v.isNull()) {
      return;
    }
    Bounds b = bounds.computeIfAbsent(col, k -> new Bounds());
    if (op.equals("=")) {
      Object k = exactKey(col, v);
      if (k != null) {
        b.equal = List.of(k);
      }
      return;
    }
    Object k = key(col, v);
    if (k == null) {
      return;
    }
    boolean exact = exactKey(col, v) != null;
    boolean inclusive = op.endsWith("=") || !exact;
    if (op.startsWith(">")) {
      if (b.low == null) {
        b.low = k;
        b.lowInclusive = inclusive;
      }
    } else if (b.high == null) {
      b.high = k;
      b.highInclusive = inclusive;
    }
  }

  private ColumnDefinition definition(String col) {
    for (ColumnDefinition c : table.columns()) {
      if (c.name().equalsIgnoreCase(col)) {
        return c;
      }
    }
    throw new IllegalArgumentException(col);
  }

  /** The value as the column stores it, or null when it does not convert. */
  private Object key(String col, Value v) {
    ColumnDefinition c = definition(col);
    try {
      return StoredValues.toStored(v, new StoredValues.Target(c, 1, true, w -> {}));
    } catch (MysqlException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** The stored form of a value that compares equal to it, or null. */
  private Object exactKey(String col, Value v) {
    Object k = key(col, v);
    if (k == null) {
      return null;
    }
    Value back = StoredValues.toValue(definition(col).spec(), k);
    return constants.compare(back, v) == 0 ? k : null;
  }

  // ---- paths

  private AccessPath pathFor(IndexDefinition index) {
    List<List<Object>> prefixes = new ArrayList<>();
    prefixes.add(List.of());
    int parts = 0;
    Bounds range = null;
    for (int i = 0; i < index.columns().size(); i++) {
      if (prefix(index, i) != 0) {
        break;
      }
      Bounds b = bounds.get(index.columns().get(i).toLowerCase(Locale.ROOT));
      if (b == null) {
        break;
      }
      if (b.equal != null && (long) prefixes.size() * b.equal.size() <= MAX_POINTS) {
        List<List<Object>> next = new ArrayList<>();
        for (List<Object> p : prefixes) {
          for (Object v : b.equal) {
            List<Object> q = new ArrayList<>(p);
            q.add(v);
            next.add(q);
          }
        }
        prefixes = next;
        parts++;
        continue;
      }
      if (b.low != null || b.high != null) {
        range = b;
        parts++;
      }
      break;
    }
    if (parts == 0) {
      return null;
    }
    boolean unique = index.kind() != IndexKind.INDEX;
    boolean complete = range == null && parts == index.columns().size();
    boolean point = unique && complete;
    List<AccessPath.Range> ranges = new ArrayList<>();
    for (List<Object> p : prefixes) {
      if (range == null) {
        Object[] key = p.toArray();
        ranges.add(new AccessPath.Range(key, true, key, true, point));
      } else {
        Object[] from = range.low == null ? (p.isEmpty() ? null : p.toArray()) : with(p, range.low);
        Object[] to = range.high == null ? (p.isEmpty() ? null : p.toArray()) : with(p, range.high);
        boolean fromInc = range.low == null || range.lowInclusive;
        boolean toInc = range.high == null || range.highInclusive;
        ranges.add(new AccessPath.Range(from, fromInc, to, toInc, false));
      }
    }
    String type;
    if (point && ranges.size() == 1) {
      type = "const";
    } else if (range == null && ranges.size() == 1) {
      type = "ref";
    } else {
      type = "range";
    }
    return new AccessPath(index, type, ranges, parts, false, false);
  }

  /** The prefix length of an index column; 0 (whole column) when the definition lists none. */
  private static int prefix(IndexDefinition index, int i) {
    return index.prefixLengths().isEmpty() ? 0 : index.prefixLengths().get(i);
  }

  private static Object[] with(List<Object> prefix, Object last) {
    Object[] key = prefix.toArray(new Object[prefix.size() + 1]);
    key[prefix.size()] = last;
    return key;
  }

  /** The path reads its index in ORDER BY's order (backwards for DESC) when it can. */
  private AccessPath orderedBy(AccessPath p, List<OrderItem> orderBy) {
    if (orderBy.isEmpty() || p.ranges().size() != 1 || p.type().equals("const")) {
      return p;
    }
    Boolean desc =
        servesOrder(p.index(), orderBy, p.type().equals("ref") ? p.keyParts() : p.keyParts() - 1);
    return desc == null
        ? p
        : new AccessPath(p.index(), p.type(), p.ranges(), p.keyParts(), true, desc);
  }

  private AccessPath orderedScan(List<OrderItem> orderBy) {
    if (!orderBy.isEmpty()) {
      for (IndexDefinition index : table.indexes()) {
        Boolean desc = servesOrder(index, orderBy, 0);
        if (desc != null) {
          return new AccessPath(index, "index", List.of(), 0, true, desc);
        }
      }
    }
    return AccessPath.fullScan();
  }

  /**
   * Null when ORDER BY is not the index's column order after {@code fixed} leading columns fixed by
   * equalities (or from the start), else whether it is descending.
   */
  private Boolean servesOrder(IndexDefinition index, List<OrderItem> orderBy, int fixed) {
    boolean desc = orderBy.get(0).descending();
    for (int start : new int[] {Math.max(0, fixed), 0}) {
      boolean ok = start + orderBy.size() <= index.columns().size();
      for (int i = 0; ok && i < orderBy.size(); i++) {
        OrderItem o = orderBy.get(i);
        String col = column(o.expression());
        ok =
            o.descending() == desc
                && col != null
                && prefix(index, start + i) == 0
                && index.columns().get(start + i).equalsIgnoreCase(col);
      }
      if (ok) {
        return desc;
      }
    }
    return null;
  }
}
