package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Binary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates expressions that need no table: literals, variables, operators and the built-in
 * functions, with MySQL's typing (integer arithmetic stays integer, any DECIMAL makes DECIMAL, any
 * DOUBLE or string makes DOUBLE, {@code /} gives DECIMAL with div_precision_increment more digits)
 * and NULL propagation.
 */
final class Evaluator {
  private final EvalContext ctx;
  private final Functions functions;

  Evaluator(EvalContext ctx) {
    this.ctx = ctx;
    this.functions = new Functions(this, ctx);
  }

  Value eval(Expression e) {
    return switch (e) {
      case Expression.NullLiteral n -> Value.NULL;
      case Expression.BoolLiteral b -> Value.of(b.value());
      case Expression.NumberLiteral n -> number(n);
      case Expression.StringLiteral s -> Value.of(s.value());
      case Expression.HexLiteral h -> binary(h.digits());
      case Expression.BitLiteral b -> bits(b.digits());
      case Expression.Param p -> ctx.param(p.index());
      case Expression.ColumnRef c -> ctx.column(c.parts());
      case Expression.Star s -> throw new MysqlException(ErrorCode.ER_NO_TABLES_USED);
      case Expression.UserVar v -> ctx.userVar(v.name());
      case Expression.SysVar v -> ctx.sysVar(v.scope(), v.name());
      case Expression.Assign a -> {
        Value v = eval(a.value());
        ctx.setUserVar(a.variable(), v);
        yield v;
      }
      case Expression.Unary u -> unary(u);
      case Binary b -> binary(b);
      case Expression.Like l -> like(l);
      case Expression.InList in -> in(in);
      case Expression.Between b -> between(b);
      case Expression.IsTest t -> isTest(t);
      case Expression.Call c -> functions.call(c);
      case Expression.Case c -> caseWhen(c);
      case Expression.Cast c -> functions.cast(eval(c.value()), c.type());
      case Expression.ConvertUsing c -> {
        Value v = eval(c.value());
        yield v.isNull() ? v : Value.of(v.text());
      }
      case Expression.Collate c -> eval(c.value());
      case Expression.Trim t -> functions.trim(t);
      case Expression.Row r ->
          throw new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "row values");
      case Expression.Interval i ->
          throw SyntaxErrors.unsupported("INTERVAL outside date arithmetic");
      case Expression.InSubquery s -> inSubquery(s);
      case Expression.Exists s -> Value.of(!ctx.subquery(s.query()).isEmpty());
      case Expression.Subquery s -> scalar(s);
      case Expression.Default d -> throw SyntaxErrors.unsupported("DEFAULT outside SET");
    };
  }

  private static Value number(Expression.NumberLiteral n) {
    switch (n.kind()) {
      case INTEGER -> {
        if (n.text().length() < 19) {
          return Value.of(Long.parseLong(n.text()));
        }
        BigInteger big = new BigInteger(n.text());
        return big.bitLength() < 64 ? Value.of(big.longValue()) : Value.of(new BigDecimal(big));
      }
      case DECIMAL -> {
        return Value.of(new BigDecimal(n.text()));
      }
      default -> {
        return Value.ofDouble(Double.parseDouble(n.text()));
      }
    }
  }

  private static Value binary(String hex) {
    String digits = hex.length() % 2 == 0 ? hex : "0" + hex;
    return new Value(Value.Kind.BINARY, HexFormat.of().parseHex(digits), 0);
  }

  private static Value bits(String bits) {
    BigInteger v = bits.isEmpty() ? BigInteger.ZERO : new BigInteger(bits, 2);
    byte[] raw = v.toByteArray();
    int bytes = Math.max(1, (bits.length() + 7) / 8);
    byte[] out = new byte[bytes];
    for (int i = 0; i < Math.min(bytes, raw.length); i++) {
      out[bytes - 1 - i] = raw[raw.length - 1 - i];
    }
    return new Value(Value.Kind.BINARY, out, 0);
  }

  private Value unary(Expression.Unary u) {
    Value v = eval(u.operand());
    switch (u.op()) {
      case "NOT" -> {
        Boolean t = v.truth();
        return t == null ? Value.NULL : Value.of(!t);
      }
      case "-" -> {
        if (v.isNull()) {
          return v;
        }
        Value n = numeric(v);
        return switch (n.kind()) {
          case INT -> {
            long l = (Long) n.raw();
            yield l == Long.MIN_VALUE ? Value.of(BigDecimal.valueOf(l).negate()) : Value.of(-l);
          }
          case DECIMAL -> Value.of(((BigDecimal) n.raw()).negate());
          default -> Value.ofDouble(-n.asDouble());
        };
      }
      case "~" -> {
        return v.isNull() ? v : Value.of(~v.asLong());
      }
      default -> {
        return v;
      }
    }
  }

  /** A string or temporal in numeric context becomes a DOUBLE, as in MySQL. */
  private Value numeric(Value v) {
    if (v.isNumeric() || v.isNull()) {
      return v;
    }
    if (v.kind() == Value.Kind.STRING) {
      String s = (String) v.raw();
      if (!NumericText.isWholeNumber(s)) {
        ctx.warn(
            Warning.warning(
                ErrorCode.ER_TRUNCATED_WRONG_VALUE.number(),
                ErrorCode.ER_TRUNCATED_WRONG_VALUE.message("DOUBLE", s)));
      }
    }
    if (v.kind() == Value.Kind.BINARY) {
      return Value.of(new BigInteger(1, (byte[]) v.raw()).longValue());
    }
    return Value.ofDouble(v.asDouble());
  }

  private Value binary(Binary b) {
    String op = b.op();
    switch (op) {
      case "AND" -> {
        Boolean l = eval(b.left()).truth();
        if (Boolean.FALSE.equals(l)) {
          return Value.FALSE;
        }
        Boolean r = eval(b.right()).truth();
        if (Boolean.FALSE.equals(r)) {
          return Value.FALSE;
        }
        return l == null || r == null ? Value.NULL : Value.TRUE;
      }
      case "OR" -> {
        Boolean l = eval(b.left()).truth();
        if (Boolean.TRUE.equals(l)) {
          return Value.TRUE;
        }
        Boolean r = eval(b.right()).truth();
        if (Boolean.TRUE.equals(r)) {
          return Value.TRUE;
        }
        return l == null || r == null ? Value.NULL : Value.FALSE;
      }
      case "XOR" -> {
        Boolean l = eval(b.left()).truth();
        Boolean r = eval(b.right()).truth();
        return l == null || r == null ? Value.NULL : Value.of(l ^ r);
      }
      default -> {}
    }
    if (b.right() instanceof Expression.Interval i && (op.equals("+") || op.equals("-"))) {
      return functions.dateAdd(eval(b.left()), eval(i.value()), i.unit(), op.equals("-"));
    }
    Value l = eval(b.left());
    Value r = eval(b.right());
    if (op.equals("<=>")) {
      if (l.isNull() || r.isNull()) {
        return Value.of(l.isNull() && r.isNull());
      }
      return Value.of(compare(l, r) == 0);
    }
    if (l.isNull() || r.isNull()) {
      return Value.NULL;
    }
    return switch (op) {
      case "=" -> Value.of(compare(l, r) == 0);
      case "<>" -> Value.of(compare(l, r) != 0);
      case "<" -> Value.of(compare(l, r) < 0);
      case "<=" -> Value.of(compare(l, r) <= 0);
      case ">" -> Value.of(compare(l, r) > 0);
      case ">=" -> Value.of(compare(l, r) >= 0);
      case "+", "-", "*" -> arithmetic(op, numeric(l), numeric(r));
      case "/" -> divide(numeric(l), numeric(r));
      case "DIV" -> intDivide(numeric(l), numeric(r));
      case "%" -> modulo(numeric(l), numeric(r));
      case "|" -> Value.of(l.asLong() | r.asLong());
      case "&" -> Value.of(l.asLong() & r.asLong());
      case "^" -> Value.of(l.asLong() ^ r.asLong());
      case "<<" -> Value.of(r.asLong() >= 64 ? 0 : l.asLong() << r.asLong());
      case ">>" -> Value.of(r.asLong() >= 64 ? 0 : l.asLong() >>> r.asLong());
      case "REGEXP" ->
          Value.of(
              java.util.regex.Pattern.compile(r.text(), java.util.regex.Pattern.CASE_INSENSITIVE)
                  .matcher(l.text())
                  .find());
      default -> throw SyntaxErrors.unsupported("operator " + op);
    };
  }

  Value arithmetic(String op, Value l, Value r) {
    if (l.kind() == Value.Kind.INT && r.kind() == Value.Kind.INT) {
      long a = (Long) l.raw();
      long b = (Long) r.raw();
      try {
        return Value.of(
            switch (op) {
              case "+" -> Math.addExact(a, b);
              case "-" -> Math.subtractExact(a, b);
              default -> Math.multiplyExact(a, b);
            });
      } catch (ArithmeticException overflow) {
        throw new MysqlException(
            ErrorCode.ER_NOT_SUPPORTED_YET, "BIGINT values out of range in arithmetic");
      }
    }
    if (l.kind() == Value.Kind.DOUBLE || r.kind() == Value.Kind.DOUBLE) {
      double a = l.asDouble();
      double b = r.asDouble();
      return Value.ofDouble(
          switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            default -> a * b;
          });
    }
    BigDecimal a = l.decimal();
    BigDecimal b = r.decimal();
    return Value.of(
        switch (op) {
          case "+" -> a.add(b);
          case "-" -> a.subtract(b);
          default -> a.multiply(b);
        });
  }

  private Value divide(Value l, Value r) {
    if (r.asDouble() == 0 && !(r.kind() == Value.Kind.DECIMAL && r.decimal().signum() != 0)) {
      divisionByZero();
      return Value.NULL;
    }
    if (l.kind() == Value.Kind.DOUBLE || r.kind() == Value.Kind.DOUBLE) {
      return Value.ofDouble(l.asDouble() / r.asDouble());
    }
    int scale = Math.min(30, Math.max(0, l.decimal().scale()) + ctx.divPrecisionIncrement());
    return Value.of(l.decimal().divide(r.decimal(), scale, RoundingMode.HALF_UP));
  }

  private void divisionByZero() {
    ctx.warn(
        Warning.warning(
            ErrorCode.ER_DIVISION_BY_ZERO.number(), ErrorCode.ER_DIVISION_BY_ZERO.message()));
  }

  private Value intDivide(Value l, Value r) {
    if (r.asDouble() == 0 && r.decimal().signum() == 0) {
      divisionByZero();
      return Value.NULL;
    }
    if (l.kind() == Value.Kind.INT && r.kind() == Value.Kind.INT) {
      return Value.of((Long) l.raw() / (Long) r.raw());
    }
    return Value.of(l.decimal().divide(r.decimal(), 0, RoundingMode.DOWN).longValue());
  }

  Value modulo(Value l, Value r) {
    if (r.decimal().signum() == 0) {
      divisionByZero();
      return Value.NULL;
    }
    if (l.kind() == Value.Kind.INT && r.kind() == Value.Kind.INT) {
      return Value.of((Long) l.raw() % (Long) r.raw());
    }
    if (l.kind() == Value.Kind.DOUBLE || r.kind() == Value.Kind.DOUBLE) {
      return Value.ofDouble(l.asDouble() % r.asDouble());
    }
    return Value.of(l.decimal().remainder(r.decimal()));
  }

  /**
   * MySQL's comparison: numbers numerically, two strings by the (case-insensitive) connection
   * collation, a number with a string as doubles.
   */
  int compare(Value l, Value r) {
    if (l.isNumeric() && r.isNumeric()) {
      if (l.kind() == Value.Kind.DOUBLE || r.kind() == Value.Kind.DOUBLE) {
        return Double.compare(l.asDouble(), r.asDouble());
      }
      return l.decimal().compareTo(r.decimal());
    }
    if ((l.isTemporal() || r.isTemporal())
        && l.kind() != Value.Kind.TIME
        && r.kind() != Value.Kind.TIME) {
      // A date or datetime against a string or another date compares as points in time
      // ('2024-01-01' equals DATETIME 2024-01-01 00:00:00), as MySQL does.
      java.time.LocalDateTime a = TemporalFunctions.toDateTime(l);
      java.time.LocalDateTime b = TemporalFunctions.toDateTime(r);
      if (a != null && b != null) {
        return a.compareTo(b);
      }
    }
    if (!l.isNumeric() && !r.isNumeric()) {
      if (l.kind() == Value.Kind.BINARY || r.kind() == Value.Kind.BINARY) {
        return l.text().compareTo(r.text());
      }
      return collate(l.text()).compareTo(collate(r.text()));
    }
    return Double.compare(numeric(l).asDouble(), numeric(r).asDouble());
  }

  /** utf8mb4_0900_ai_ci ignores case and trailing spaces... approximated by upper-casing. */
  private static String collate(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private Value like(Expression.Like l) {
    Value v = eval(l.value());
    Value p = eval(l.pattern());
    Value esc = l.escape() == null ? Value.of("\\") : eval(l.escape());
    if (v.isNull() || p.isNull()) {
      return Value.NULL;
    }
    String escape = esc.isNull() ? "\\" : esc.text();
    boolean m =
        LikePattern.matches(p.text(), escape.isEmpty() ? '\0' : escape.charAt(0), v.text(), true);
    return Value.of(m != l.not());
  }

  private Value in(Expression.InList in) {
    Value v = eval(in.value());
    if (v.isNull()) {
      return Value.NULL;
    }
    boolean sawNull = false;
    for (Expression e : in.list()) {
      Value item = eval(e);
      if (item.isNull()) {
        sawNull = true;
      } else if (compare(v, item) == 0) {
        return Value.of(!in.not());
      }
    }
    return sawNull ? Value.NULL : Value.of(in.not());
  }

  private Value scalar(Expression.Subquery s) {
    List<List<Value>> rows = ctx.subquery(s.query());
    if (rows.isEmpty()) {
      return Value.NULL;
    }
    if (rows.get(0).size() != 1) {
      throw new MysqlException(ErrorCode.ER_OPERAND_COLUMNS, 1);
    }
    if (rows.size() > 1) {
      throw new MysqlException(ErrorCode.ER_SUBQUERY_NO_1_ROW);
    }
    return rows.get(0).get(0);
  }

  private Value inSubquery(Expression.InSubquery s) {
    Value v = eval(s.value());
    List<List<Value>> rows = ctx.subquery(s.query());
    if (v.isNull()) {
      return rows.isEmpty() ? Value.of(s.not()) : Value.NULL;
    }
    boolean sawNull = false;
    for (List<Value> row : rows) {
      if (row.size() != 1) {
        throw new MysqlException(ErrorCode.ER_OPERAND_COLUMNS, 1);
      }
      Value item = row.get(0);
      if (item.isNull()) {
        sawNull = true;
      } else if (compare(v, item) == 0) {
        return Value.of(!s.not());
      }
    }
    return sawNull ? Value.NULL : Value.of(s.not());
  }

  private Value between(Expression.Between b) {
    Value v = eval(b.value());
    Value lo = eval(b.low());
    Value hi = eval(b.high());
    if (v.isNull() || lo.isNull() || hi.isNull()) {
      return Value.NULL;
    }
    boolean inside = compare(v, lo) >= 0 && compare(v, hi) <= 0;
    return Value.of(inside != b.not());
  }

  private Value isTest(Expression.IsTest t) {
    Value v = eval(t.value());
    boolean result =
        switch (t.what()) {
          case "NULL", "UNKNOWN" -> v.isNull();
          case "TRUE" -> Boolean.TRUE.equals(v.truth());
          default -> Boolean.FALSE.equals(v.truth());
        };
    return Value.of(result != t.not());
  }

  private Value caseWhen(Expression.Case c) {
    Value operand = c.operand() == null ? null : eval(c.operand());
    for (Expression.When w : c.whens()) {
      boolean hit;
      if (operand == null) {
        hit = Boolean.TRUE.equals(eval(w.condition()).truth());
      } else {
        Value cmp = eval(w.condition());
        hit = !operand.isNull() && !cmp.isNull() && compare(operand, cmp) == 0;
      }
      if (hit) {
        return eval(w.result());
      }
    }
    return c.otherwise() == null ? Value.NULL : eval(c.otherwise());
  }
}
