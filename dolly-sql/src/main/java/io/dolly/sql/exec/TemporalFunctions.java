package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Expression.Call;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Date and time functions, evaluated in the server's time zone (time_zone=SYSTEM). */
final class TemporalFunctions {
  private final EvalContext ctx;

  TemporalFunctions(EvalContext ctx) {
    this.ctx = ctx;
  }

  private static void arity(Call c, int min, int max) {
    int n = c.args().size();
    if (n < min || n > max) {
      throw new MysqlException(ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, c.name());
    }
  }

  /** A temporal function over evaluated, non-NULL arguments; 1305 for an unknown name. */
  Value call(Call c, List<Value> a) {
    String name = c.name();
    switch (name) {
      case "NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE" -> {
        arity(c, 0, 1);
        int fsp = fsp(a);
        LocalDateTime t = name.equals("SYSDATE") ? LocalDateTime.now() : ctx.statementTime();
        return new Value(Value.Kind.DATETIME, truncate(t, fsp), fsp);
      }
      case "UTC_TIMESTAMP" -> {
        arity(c, 0, 1);
        int fsp = fsp(a);
        LocalDateTime utc = utc(ctx.statementTime());
        return new Value(Value.Kind.DATETIME, truncate(utc, fsp), fsp);
      }
      case "CURDATE", "CURRENT_DATE" -> {
        arity(c, 0, 0);
        return new Value(Value.Kind.DATE, ctx.statementTime().toLocalDate(), 0);
      }
      case "UTC_DATE" -> {
        return new Value(Value.Kind.DATE, utc(ctx.statementTime()).toLocalDate(), 0);
      }
      case "CURTIME", "CURRENT_TIME" -> {
        arity(c, 0, 1);
        int fsp = fsp(a);
        return new Value(Value.Kind.TIME, truncate(ctx.statementTime(), fsp).toLocalTime(), fsp);
      }
      case "UTC_TIME" -> {
        return new Value(Value.Kind.TIME, utc(ctx.statementTime()).toLocalTime().withNano(0), 0);
      }
      case "UNIX_TIMESTAMP" -> {
        arity(c, 0, 1);
        if (a.isEmpty()) {
          return Value.of(ctx.statementTime().atZone(ZoneId.systemDefault()).toEpochSecond());
        }
        LocalDateTime t = toDateTime(a.get(0));
        return t == null ? Value.NULL : Value.of(t.atZone(ZoneId.systemDefault()).toEpochSecond());
      }
      case "FROM_UNIXTIME" -> {
        arity(c, 1, 2);
        long seconds = a.get(0).asLong();
        LocalDateTime t =
            LocalDateTime.ofEpochSecond(
                seconds,
                0,
                ZoneId.systemDefault()
                    .getRules()
                    .getOffset(java.time.Instant.ofEpochSecond(seconds)));
        Value dt = new Value(Value.Kind.DATETIME, t, 0);
        return a.size() == 2 ? Value.of(DateFormat.format(t, a.get(1).text())) : dt;
      }
      case "DATE_FORMAT" -> {
        arity(c, 2, 2);
        LocalDateTime t = toDateTime(a.get(0));
        return t == null ? Value.NULL : Value.of(DateFormat.format(t, a.get(1).text()));
      }
      case "DATEDIFF" -> {
        arity(c, 2, 2);
        LocalDateTime x = toDateTime(a.get(0));
        LocalDateTime y = toDateTime(a.get(1));
        if (x == null || y == null) {
          return Value.NULL;
        }
        return Value.of(ChronoUnit.DAYS.between(y.toLocalDate(), x.toLocalDate()));
      }
      case "TIMESTAMPADD" -> {
        arity(c, 3, 3);
        return dateAdd(a.get(2), a.get(1), a.get(0).text(), false);
      }
      default -> {
        if (CalendarFunctions.handles(name)) {
          return CalendarFunctions.call(c, a);
        }
        throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "FUNCTION", name);
      }
    }
  }

  private static int fsp(List<Value> a) {
    if (a.isEmpty()) {
      return 0;
    }
    long f = a.get(0).asLong();
    if (f < 0 || f > 6) {
      throw new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "fractional precision above 6");
    }
    return (int) f;
  }

  private static LocalDateTime truncate(LocalDateTime t, int fsp) {
    long unit = (long) Math.pow(10, 9 - fsp);
    return t.withNano((int) (t.getNano() / unit * unit));
  }

  private static LocalDateTime utc(LocalDateTime local) {
    return local
        .atZone(ZoneId.systemDefault())
        .withZoneSameInstant(ZoneOffset.UTC)
        .toLocalDateTime();
  }

  static LocalDateTime toDateTime(Value v) {
    return switch (v.kind()) {
      case DATETIME -> (LocalDateTime) v.raw();
      case DATE -> ((LocalDate) v.raw()).atStartOfDay();
      case TIME -> LocalDate.now().atTime((LocalTime) v.raw());
      case NULL -> null;
      default -> parseDateTime(v.text());
    };
  }

  private static LocalDateTime parseDateTime(String s) {
    String t = s.trim();
    try {
      if (t.length() <= 10) {
        return LocalDate.parse(t).atStartOfDay();
      }
      return LocalDateTime.parse(t.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  Value dateAdd(Value base, Value amount, String unit, boolean subtract) {
    if (base.isNull() || amount.isNull()) {
      return Value.NULL;
    }
    LocalDateTime t = toDateTime(base);
    if (t == null) {
      return Value.NULL;
    }
    long n = amount.asLong() * (subtract ? -1 : 1);
    LocalDateTime r =
        switch (unit) {
          case "MICROSECOND" -> t.plus(n, ChronoUnit.MICROS);
          case "SECOND" -> t.plusSeconds(n);
          case "MINUTE" -> t.plusMinutes(n);
          case "HOUR" -> t.plusHours(n);
          case "DAY" -> t.plusDays(n);
          case "WEEK" -> t.plusWeeks(n);
          case "MONTH" -> t.plusMonths(n);
          case "QUARTER" -> t.plusMonths(3 * n);
          case "YEAR" -> t.plusYears(n);
          default -> throw SyntaxErrors.unsupported("INTERVAL unit " + unit);
        };
    boolean dateOnly =
        (base.kind() == Value.Kind.DATE
                || (base.kind() == Value.Kind.STRING && base.text().trim().length() <= 10))
            && switch (unit) {
              case "DAY", "WEEK", "MONTH", "QUARTER", "YEAR" -> true;
              default -> false;
            };
    if (dateOnly) {
      return base.kind() == Value.Kind.DATE
          ? new Value(Value.Kind.DATE, r.toLocalDate(), 0)
          : Value.of(r.toLocalDate().toString());
    }
    Value dt = new Value(Value.Kind.DATETIME, r, base.decimals());
    return base.kind() == Value.Kind.STRING ? Value.of(dt.text()) : dt;
  }
}
