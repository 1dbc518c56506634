package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.DataType;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Call;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in functions that need no table. */
final class Functions {
  private final Evaluator evaluator;
  private final EvalContext ctx;

  private final TemporalFunctions temporal;

  Functions(Evaluator evaluator, EvalContext ctx) {
    this.evaluator = evaluator;
    this.ctx = ctx;
    this.temporal = new TemporalFunctions(ctx);
  }

  Value dateAdd(Value base, Value amount, String unit, boolean subtract) {
    return temporal.dateAdd(base, amount, unit, subtract);
  }

  private List<Value> args(Call c) {
    List<Value> out = new ArrayList<>(c.args().size());
    for (Expression e : c.args()) {
      out.add(evaluator.eval(e));
    }
    return out;
  }

  private static void arity(Call c, int min, int max) {
    int n = c.args().size();
    if (n < min || n > max) {
      throw new MysqlException(ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, c.name());
    }
  }

  private static boolean anyNull(List<Value> values) {
    for (Value v : values) {
      if (v.isNull()) {
        return true;
      }
    }
    return false;
  }

  Value call(Call c) {
    String name = c.name();
    if (Aggregates.NAMES.contains(name)) {
      return ctx.aggregate(c);
    }
    switch (name) {
      case "IF" -> {
        arity(c, 3, 3);
        boolean t = Boolean.TRUE.equals(evaluator.eval(c.args().get(0)).truth());
        return evaluator.eval(c.args().get(t ? 1 : 2));
      }
      case "IFNULL" -> {
        arity(c, 2, 2);
        Value v = evaluator.eval(c.args().get(0));
        return v.isNull() ? evaluator.eval(c.args().get(1)) : v;
      }
      case "DATE_ADD", "ADDDATE", "DATE_SUB", "SUBDATE" -> {
        arity(c, 2, 2);
        boolean subtract = name.equals("DATE_SUB") || name.equals("SUBDATE");
        Value base = evaluator.eval(c.args().get(0));
        if (c.args().get(1) instanceof Expression.Interval i) {
          return dateAdd(base, evaluator.eval(i.value()), i.unit(), subtract);
        }
        return dateAdd(base, evaluator.eval(c.args().get(1)), "DAY", subtract);
      }
      case "COALESCE" -> {
        for (Expression e : c.args()) {
          Value v = evaluator.eval(e);
          if (!v.isNull()) {
            return v;
          }
        }
        return Value.NULL;
      }
      default -> {}
    }
    List<Value> a = args(c);
    return switch (name) {
      case "NULLIF" -> {
        arity(c, 2, 2);
        yield !a.get(0).isNull() && !a.get(1).isNull() && evaluator.compare(a.get(0), a.get(1)) == 0
            ? Value.NULL
            : a.get(0);
      }
      case "GREATEST", "LEAST" -> extreme(c, a, name.equals("GREATEST"));
      case "CONCAT" -> {
        if (anyNull(a)) {
          yield Value.NULL;
        }
        StringBuilder sb = new StringBuilder();
        a.forEach(v -> sb.append(v.text()));
        yield Value.of(sb.toString());
      }
      case "CONCAT_WS" -> {
        arity(c, 2, Integer.MAX_VALUE);
        if (a.get(0).isNull()) {
          yield Value.NULL;
        }
        StringBuilder sb = new StringBuilder();
        for (Value v : a.subList(1, a.size())) {
          if (!v.isNull()) {
            sb.append(sb.isEmpty() ? "" : a.get(0).text()).append(v.text());
          }
        }
        yield Value.of(sb.toString());
      }
      default -> {
        if (anyNull(a) && !nullTolerant(name)) {
          yield Value.NULL;
        }
        yield nonNull(c, a);
      }
    };
  }

  private static boolean nullTolerant(String name) {
    return switch (name) {
      case "LAST_INSERT_ID", "RAND", "UNIX_TIMESTAMP" -> false;
      default -> false;
    };
  }

  private Value extreme(Call c, List<Value> a, boolean greatest) {
    arity(c, 2, Integer.MAX_VALUE);
    if (anyNull(a)) {
      return Value.NULL;
    }
    Value best = a.get(0);
    for (Value v : a.subList(1, a.size())) {
      int cmp = evaluator.compare(v, best);
      if (greatest ? cmp > 0 : cmp < 0) {
        best = v;
      }
    }
    boolean anyDecimal = a.stream().anyMatch(v -> v.kind() == Value.Kind.DECIMAL);
    if (best.kind() == Value.Kind.INT && anyDecimal) {
      return Value.of(best.decimal());
    }
    return best;
  }

  private Value nonNull(Call c, List<Value> a) {
    String name = c.name();
    switch (name) {
      case "ROUND", "TRUNCATE" -> {
        arity(c, name.equals("ROUND") ? 1 : 2, 2);
        int digits = a.size() > 1 ? (int) a.get(1).asLong() : 0;
        return round(
            a.get(0), digits, name.equals("ROUND") ? RoundingMode.HALF_UP : RoundingMode.DOWN);
      }
      case "FLOOR", "CEIL", "CEILING" -> {
        arity(c, 1, 1);
        Value v = a.get(0);
        RoundingMode mode = name.equals("FLOOR") ? RoundingMode.FLOOR : RoundingMode.CEILING;
        if (v.kind() == Value.Kind.INT) {
          return v;
        }
        if (v.kind() == Value.Kind.DECIMAL) {
          return Value.of(v.decimal().setScale(0, mode).longValueExact());
        }
        return Value.ofDouble(
            name.equals("FLOOR") ? Math.floor(v.asDouble()) : Math.ceil(v.asDouble()));
      }
      case "ABS" -> {
        arity(c, 1, 1);
        Value v = a.get(0);
        return switch (v.kind()) {
          case INT -> Value.of(Math.abs((Long) v.raw()));
          case DECIMAL -> Value.of(v.decimal().abs());
          default -> Value.ofDouble(Math.abs(v.asDouble()));
        };
      }
      case "MOD" -> {
        arity(c, 2, 2);
        return evaluator.modulo(a.get(0), a.get(1));
      }
      case "POW", "POWER" -> {
        arity(c, 2, 2);
        return Value.ofDouble(Math.pow(a.get(0).asDouble(), a.get(1).asDouble()));
      }
      case "SQRT" -> {
        arity(c, 1, 1);
        double d = a.get(0).asDouble();
        return d < 0 ? Value.NULL : Value.ofDouble(Math.sqrt(d));
      }
      case "RAND" -> {
        arity(c, 0, 1);
        if (!a.isEmpty()) {
          return Value.ofDouble(new java.util.Random(a.get(0).asLong()).nextDouble());
        }
        return Value.ofDouble(ThreadLocalRandom.current().nextDouble());
      }
      case "LENGTH", "OCTET_LENGTH" -> {
        arity(c, 1, 1);
        return Value.of(a.get(0).bytes().length);
      }
      case "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
        arity(c, 1, 1);
        String s = a.get(0).text();
        return Value.of(s.codePointCount(0, s.length()));
      }
      case "SUBSTRING", "SUBSTR", "MID" -> {
        arity(c, 2, 3);
        return Value.of(
            substring(
                a.get(0).text(),
                a.get(1).asLong(),
                a.size() > 2 ? a.get(2).asLong() : Long.MAX_VALUE));
      }
      case "LEFT" -> {
        arity(c, 2, 2);
        String s = a.get(0).text();
        long n = Math.max(0, Math.min(s.length(), a.get(1).asLong()));
        return Value.of(s.substring(0, (int) n));
      }
      case "RIGHT" -> {
        arity(c, 2, 2);
        String s = a.get(0).text();
        long n = Math.max(0, Math.min(s.length(), a.get(1).asLong()));
        return Value.of(s.substring(s.length() - (int) n));
      }
      case "LOWER", "LCASE" -> {
        arity(c, 1, 1);
        return Value.of(a.get(0).text().toLowerCase(Locale.ROOT));
      }
      case "UPPER", "UCASE" -> {
        arity(c, 1, 1);
        return Value.of(a.get(0).text().toUpperCase(Locale.ROOT));
      }
      case "REPLACE" -> {
        arity(c, 3, 3);
        String from = a.get(1).text();
        return Value.of(
            from.isEmpty() ? a.get(0).text() : a.get(0).text().replace(from, a.get(2).text()));
      }
      case "REPEAT" -> {
        arity(c, 2, 2);
        long n = a.get(1).asLong();
        return Value.of(n <= 0 ? "" : a.get(0).text().repeat((int) Math.min(n, 16_777_216)));
      }
      case "LTRIM" -> {
        arity(c, 1, 1);
        return Value.of(a.get(0).text().replaceFirst("^ +", ""));
      }
      case "RTRIM" -> {
        arity(c, 1, 1);
        return Value.of(a.get(0).text().replaceFirst(" +$", ""));
      }
      case "LPAD", "RPAD" -> {
        arity(c, 3, 3);
        return pad(a.get(0).text(), a.get(1).asLong(), a.get(2).text(), name.equals("LPAD"));
      }
      case "LOCATE", "INSTR" -> {
        arity(c, 2, 3);
        String needle = name.equals("INSTR") ? a.get(1).text() : a.get(0).text();
        String hay = name.equals("INSTR") ? a.get(0).text() : a.get(1).text();
        int from = a.size() > 2 ? (int) a.get(2).asLong() - 1 : 0;
        if (from < 0) {
          return Value.of(0);
        }
        int at = hay.toUpperCase(Locale.ROOT).indexOf(needle.toUpperCase(Locale.ROOT), from);
        return Value.of(at + 1);
      }
      case "HEX" -> {
        arity(c, 1, 1);
        Value v = a.get(0);
        if (v.isNumeric()) {
          return Value.of(Long.toHexString(v.asLong()).toUpperCase(Locale.ROOT));
        }
        return Value.of(HexFormat.of().withUpperCase().formatHex(v.bytes()));
      }
      case "MD5" -> {
        arity(c, 1, 1);
        return Value.of(digest("MD5", a.get(0)));
      }
      case "SHA1", "SHA" -> {
        arity(c, 1, 1);
        return Value.of(digest("SHA-1", a.get(0)));
      }
      case "SHA2" -> {
        arity(c, 2, 2);
        long bits = a.get(1).asLong();
        String algorithm =
            switch ((int) bits) {
              case 0, 256 -> "SHA-256";
              case 224 -> "SHA-224";
              case 384 -> "SHA-384";
              case 512 -> "SHA-512";
              default -> null;
            };
        return algorithm == null ? Value.NULL : Value.of(digest(algorithm, a.get(0)));
      }
      case "VERSION" -> {
        return Value.of(ctx.version());
      }
      case "DATABASE", "SCHEMA" -> {
        return Value.of(ctx.database());
      }
      case "USER", "SESSION_USER", "SYSTEM_USER" -> {
        return Value.of(ctx.user());
      }
      case "CURRENT_USER" -> {
        return Value.of(ctx.currentUser());
      }
      case "CONNECTION_ID" -> {
        return Value.of(ctx.connectionId());
      }
      case "LAST_INSERT_ID" -> {
        arity(c, 0, 1);
        if (a.size() == 1) {
          ctx.setLastInsertId(a.get(0).asLong());
          return Value.of(a.get(0).asLong());
        }
        return Value.of(ctx.lastInsertId());
      }
      case "ROW_COUNT" -> {
        return Value.of(ctx.rowCount());
      }
      case "FOUND_ROWS" -> {
        return Value.of(ctx.foundRows());
      }
      case "SLEEP" -> {
        arity(c, 1, 1);
        try {
          Thread.sleep((long) (a.get(0).asDouble() * 1000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Value.of(1);
        }
        return Value.of(0);
      }
      default -> {
        return temporal.call(c, a);
      }
    }
  }

  static Value round(Value v, int digits, RoundingMode mode) {
    switch (v.kind()) {
      case INT -> {
        if (digits >= 0) {
          return v;
        }
        return Value.of(v.decimal().setScale(digits, mode).longValue());
      }
      case DECIMAL -> {
        BigDecimal r = v.decimal().setScale(Math.max(digits, 0) == digits ? digits : digits, mode);
        return digits >= 0 ? Value.of(r) : Value.of(r.setScale(0, RoundingMode.UNNECESSARY));
      }
      default -> {
        BigDecimal r = BigDecimal.valueOf(v.asDouble()).setScale(digits, mode);
        return Value.ofDouble(r.doubleValue());
      }
    }
  }

  private static String substring(String s, long pos, long len) {
    int n = s.length();
    if (pos == 0 || len <= 0) {
      return "";
    }
    long start = pos > 0 ? pos - 1 : n + pos;
    if (start < 0 || start >= n) {
      return "";
    }
    long end = len >= n - start ? n : start + len;
    return s.substring((int) start, (int) end);
  }

  private static Value pad(String s, long length, String padding, boolean left) {
    if (length < 0) {
      return Value.NULL;
    }
    if (s.length() >= length) {
      return Value.of(s.substring(0, (int) length));
    }
    if (padding.isEmpty()) {
      return Value.NULL;
    }
    StringBuilder fill = new StringBuilder();
    while (fill.length() < length - s.length()) {
      fill.append(padding);
    }
    fill.setLength((int) (length - s.length()));
    return Value.of(left ? fill + s : s + fill);
  }

  private static String digest(String algorithm, Value v) {
    try {
      byte[] d = MessageDigest.getInstance(algorithm).digest(v.bytes());
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Value trim(Expression.Trim t) {
    Value source = evaluator.eval(t.source());
    Value remove = t.remove() == null ? Value.of(" ") : evaluator.eval(t.remove());
    if (source.isNull() || remove.isNull()) {
      return Value.NULL;
    }
    String s = source.text();
    String r = remove.text();
    String mode = t.mode() == null ? "BOTH" : t.mode();
    if (r.isEmpty()) {
      return Value.of(s);
    }
    if (!mode.equals("TRAILING")) {
      while (s.startsWith(r)) {
        s = s.substring(r.length());
      }
    }
    if (!mode.equals("LEADING")) {
      while (s.endsWith(r)) {
        s = s.substring(0, s.length() - r.length());
      }
    }
    return Value.of(s);
  }

  Value cast(Value v, DataType type) {
    if (v.isNull()) {
      return v;
    }
    return switch (type.name()) {
      case "SIGNED", "INTEGER", "INT" ->
          Value.of(v.kind() == Value.Kind.STRING ? NumericText.parseLong(v.text()) : v.asLong());
      case "UNSIGNED" -> {
        long l = v.kind() == Value.Kind.STRING ? NumericText.parseLong(v.text()) : v.asLong();
        // Negative values wrap around to 64-bit unsigned, as in MySQL.
        yield l >= 0 ? Value.of(l) : Value.of(new BigDecimal(Long.toUnsignedString(l)));
      }
      case "DECIMAL" -> {
        int precision = type.length() == null ? 10 : type.length();
        int scale = type.scale() == null ? 0 : type.scale();
        BigDecimal d =
            v.kind() == Value.Kind.STRING
                ? BigDecimal.valueOf(NumericText.parseDouble(v.text()))
                : v.decimal();
        d = d.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal limit =
            BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        if (d.abs().compareTo(limit) > 0) {
          d = d.signum() < 0 ? limit.negate() : limit;
        }
        yield Value.of(d);
      }
      case "DOUBLE", "FLOAT", "REAL" -> Value.ofDouble(v.asDouble());
      case "CHAR", "NCHAR", "VARCHAR" -> {
        String s = v.text();
        yield Value.of(
            type.length() != null && s.length() > type.length()
                ? s.substring(0, type.length())
                : s);
      }
      case "BINARY" -> new Value(Value.Kind.BINARY, v.bytes(), 0);
      case "DATE" -> {
        LocalDateTime t = TemporalFunctions.toDateTime(v);
        yield t == null ? Value.NULL : new Value(Value.Kind.DATE, t.toLocalDate(), 0);
      }
      case "DATETIME" -> {
        LocalDateTime t = TemporalFunctions.toDateTime(v);
        yield t == null
            ? Value.NULL
            : new Value(Value.Kind.DATETIME, t, type.length() == null ? 0 : type.length());
      }
      case "TIME" -> {
        LocalDateTime t = TemporalFunctions.toDateTime(v);
        yield t == null ? Value.NULL : new Value(Value.Kind.TIME, t.toLocalTime(), 0);
      }
      default -> throw SyntaxErrors.unsupported("CAST to " + type.name());
    };
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
