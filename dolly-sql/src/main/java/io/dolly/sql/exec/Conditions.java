package io.dolly.sql.exec;

import io.dolly.sql.ast.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Questions the planner asks about WHERE conditions. */
final class Conditions {
  /** Functions whose value changes from one call to the next: never treated as constants. */
  private static final Set<String> VOLATILE =
      Set.of("RAND", "UUID", "UUID_SHORT", "SLEEP", "LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS");

  private Conditions() {}

  /** The AND-ed parts of a condition. */
  static List<Expression> conjuncts(Expression where) {
    List<Expression> out = new ArrayList<>();
    collect(where, out);
    return out;
  }

  private static void collect(Expression e, List<Expression> out) {
    if (e == null) {
      return;
    }
    if (e instanceof Expression.Binary b && b.op().equals("AND")) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else {
      out.add(e);
    }
  }

  /** True when the expression has the same value for every row (no columns, no subqueries). */
  static boolean isConstant(Expression e) {
    return isConstant(e, c -> false);
  }

  /**
   * True when the expression is constant once the columns {@code known} accepts have values (the
   * outer row of a join reading its inner table through an index).
   */
  static boolean isConstant(Expression e, Predicate<Expression.ColumnRef> known) {
    return switch (e) {
      case Expression.ColumnRef c -> known.test(c);
      case Expression.NullLiteral n -> true;
      case Expression.BoolLiteral b -> true;
      case Expression.NumberLiteral n -> true;
      case Expression.StringLiteral s -> true;
      case Expression.HexLiteral h -> true;
      case Expression.BitLiteral b -> true;
      case Expression.Param p -> true;
      case Expression.UserVar v -> true;
      case Expression.SysVar v -> true;
      case Expression.Unary u -> isConstant(u.operand(), known);
      case Expression.Binary b -> isConstant(b.left(), known) && isConstant(b.right(), known);
      case Expression.Cast c -> isConstant(c.value(), known);
      case Expression.Collate c -> isConstant(c.value(), known);
      case Expression.ConvertUsing c -> isConstant(c.value(), known);
      case Expression.Interval i -> isConstant(i.value(), known);
      case Expression.Call c ->
          !VOLATILE.contains(c.name())
              && !Aggregates.NAMES.contains(c.name())
              && c.args().stream().allMatch(a -> isConstant(a, known));
      default -> false;
    };
  }

  /** True when the expression reads any column (so it cannot be evaluated before the scan). */
  static boolean usesColumns(Expression e) {
    return switch (e) {
      case Expression.ColumnRef c -> true;
      case Expression.Star s -> true;
      case Expression.Unary u -> usesColumns(u.operand());
      case Expression.Binary b -> usesColumns(b.left()) || usesColumns(b.right());
      case Expression.Like l ->
          usesColumns(l.value())
              || usesColumns(l.pattern())
              || (l.escape() != null && usesColumns(l.escape()));
      case Expression.InList in ->
          usesColumns(in.value()) || in.list().stream().anyMatch(Conditions::usesColumns);
      case Expression.Between b ->
          usesColumns(b.value()) || usesColumns(b.low()) || usesColumns(b.high());
      case Expression.IsTest t -> usesColumns(t.value());
      case Expression.Call c -> c.args().stream().anyMatch(Conditions::usesColumns);
      case Expression.Case c ->
          (c.operand() != null && usesColumns(c.operand()))
              || c.whens().stream()
                  .anyMatch(w -> usesColumns(w.condition()) || usesColumns(w.result()))
              || (c.otherwise() != null && usesColumns(c.otherwise()));
      case Expression.Cast c -> usesColumns(c.value());
      case Expression.Collate c -> usesColumns(c.value());
      case Expression.ConvertUsing c -> usesColumns(c.value());
      case Expression.Row r -> r.items().stream().anyMatch(Conditions::usesColumns);
      case Expression.InSubquery s -> true;
      case Expression.Exists s -> true;
      case Expression.Subquery s -> true;
      default -> false;
    };
  }
}
