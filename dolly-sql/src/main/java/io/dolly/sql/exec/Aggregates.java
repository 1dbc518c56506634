package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Call;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** COUNT, SUM, MIN, MAX and AVG over a set of rows (without GROUP BY: the whole set). */
final class Aggregates {
  static final Set<String> NAMES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG");

  private Aggregates() {}

  static boolean contains(Expression e) {
    return switch (e) {
      case Call c -> NAMES.contains(c.name()) || c.args().stream().anyMatch(Aggregates::contains);
      case Expression.Binary b -> contains(b.left()) || contains(b.right());
      case Expression.Unary u -> contains(u.operand());
      case Expression.Cast c -> contains(c.value());
      case Expression.Case c ->
          (c.operand() != null && contains(c.operand()))
              || c.whens().stream().anyMatch(w -> contains(w.condition()) || contains(w.result()))
              || (c.otherwise() != null && contains(c.otherwise()));
      default -> false;
    };
  }

  /**
   * Computes an aggregate call.
   *
   * @param argument evaluates the call's argument over one row, identified by its index
   * @param rowCount how many rows the set has
   */
  static Value compute(Call c, int rowCount, Function<Integer, Value> argument, Evaluator ev) {
    if (c.args().size() != 1) {
      throw new MysqlException(ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, c.name());
    }
    boolean star = c.args().get(0) instanceof Expression.Star;
    long count = 0;
    Value best = Value.NULL;
    Value sum = Value.NULL;
    java.util.Set<String> seen = c.distinct() ? new java.util.HashSet<>() : null;
    for (int i = 0; i < rowCount; i++) {
      Value v = star ? Value.of(1) : argument.apply(i);
      if (v.isNull() || (seen != null && !seen.add(v.text()))) {
        continue;
      }
      count++;
      switch (c.name()) {
        case "MIN" -> best = best.isNull() || ev.compare(v, best) < 0 ? v : best;
        case "MAX" -> best = best.isNull() || ev.compare(v, best) > 0 ? v : best;
        case "SUM", "AVG" -> sum = sum.isNull() ? exact(v) : ev.arithmetic("+", sum, exact(v));
        default -> {}
      }
    }
    return switch (c.name()) {
      case "COUNT" -> Value.of(count);
      case "MIN", "MAX" -> best;
      case "SUM" -> sum;
      default -> {
        if (sum.isNull()) {
          yield Value.NULL;
        }
        if (sum.kind() == Value.Kind.DOUBLE) {
          yield Value.ofDouble(sum.asDouble() / count);
        }
        int scale = sum.decimal().scale() + 4;
        yield Value.of(
            sum.decimal().divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP));
      }
    };
  }

  /** SUM and AVG of integers are DECIMAL in MySQL; strings add as doubles. */
  private static Value exact(Value v) {
    return switch (v.kind()) {
      case INT -> Value.of(BigDecimal.valueOf((Long) v.raw()));
      case DECIMAL, DOUBLE -> v;
      default -> Value.ofDouble(v.asDouble());
    };
  }

  static List<String> names() {
    return List.copyOf(NAMES);
  }
}
