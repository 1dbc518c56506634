package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Converts between SQL values and the Java objects storage keeps per column kind (see {@link
 * ColumnKind}). Storing follows MySQL's assignment rules: in strict mode a value that does not fit
 * fails the statement (1264 out of range, 1406 too long, 1366 not a number); otherwise it is
 * clamped or truncated with a warning. TIMESTAMP values are kept as UTC instants and shown in UTC.
 */
final class StoredValues {
  private static final BigInteger UNSIGNED_BIGINT_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private StoredValues() {}

  /** A stored object as an SQL value. */
  static Value toValue(ColumnSpec spec, Object o) {
    if (o == null) {
      return Value.NULL;
    }
    return switch (o) {
      case Long l -> {
        if (spec.kind() == ColumnKind.BIGINT && spec.unsigned() && l < 0) {
          yield Value.of(new BigDecimal(new BigInteger(Long.toUnsignedString(l))));
        }
        yield Value.of(l);
      }
      case BigDecimal d -> Value.of(d.setScale(spec.scale(), RoundingMode.HALF_UP));
      case Float f -> Value.ofDouble(Double.parseDouble(Float.toString(f)));
      case Double d -> Value.ofDouble(d);
      case String s -> Value.of(s);
      case byte[] b -> Value.ofBytes(b);
      case LocalDate d -> new Value(Value.Kind.DATE, d, 0);
      case LocalDateTime t -> new Value(Value.Kind.DATETIME, t, spec.fsp());
      case Instant i ->
          new Value(Value.Kind.DATETIME, LocalDateTime.ofInstant(i, ZoneOffset.UTC), spec.fsp());
      case Duration d -> time(d, spec.fsp());
      default -> Value.of(o.toString());
    };
  }

  private static Value time(Duration d, int fsp) {
    if (!d.isNegative() && d.compareTo(Duration.ofDays(1)) < 0) {
      return new Value(Value.Kind.TIME, LocalTime.ofNanoOfDay(d.toNanos()), fsp);
    }
    Duration abs = d.abs();
    String text =
        String.format(
            "%s%02d:%02d:%02d",
            d.isNegative() ? "-" : "", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart());
    return Value.of(text);
  }

  /** Where a conversion reports: the column, the row number and whether strict mode applies. */
  record Target(ColumnDefinition column, long row, boolean strict, Consumer<Warning> warnings) {
    MysqlException error(ErrorCode code, Object... args) {
      return new MysqlException(code, args);
    }

    /** Strict: throws; else: records the warning and returns normally. */
    void problem(ErrorCode code, Object... args) {
      if (strict) {
        throw new MysqlException(code, args);
      }
      warnings.accept(Warning.warning(code.number(), code.message(args)));
    }
  }

  /** An SQL value converted for the column, or null for NULL (the caller checks nullability). */
  static Object toStored(Value v, Target t) {
    if (v.isNull()) {
      return null;
    }
    ColumnSpec spec = t.column().spec();
    String name = t.column().name();
    return switch (spec.kind()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> integer(v, spec, t);
      case YEAR -> year(v, t);
      case DECIMAL -> decimal(v, spec, t);
      case FLOAT -> (float) number(v, t).doubleValue();
      case DOUBLE -> number(v, t).doubleValue();
      case CHAR, VARCHAR, TEXT -> {
        String s =
            v.kind() == Value.Kind.BINARY
                ? new String((byte[]) v.raw(), StandardCharsets.UTF_8)
                : v.text();
        if (spec.kind() == ColumnKind.CHAR) {
          s = s.stripTrailing();
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > spec.length()) {
          t.problem(ErrorCode.ER_DATA_TOO_LONG, name, t.row());
          s = s.substring(0, s.offsetByCodePoints(0, spec.length()));
        }
        yield s;
      }
      case BINARY, VARBINARY, BLOB -> {
        byte[] b = v.bytes();
        if (b.length > spec.length()) {
          t.problem(ErrorCode.ER_DATA_TOO_LONG, name, t.row());
          b = Arrays.copyOf(b, spec.length());
        }
        if (spec.kind() == ColumnKind.BINARY && b.length < spec.length()) {
          b = Arrays.copyOf(b, spec.length());
        }
        yield b;
      }
      case DATE -> {
        LocalDateTime d = dateTime(v, t, "date");
        yield d == null ? null : d.toLocalDate();
      }
      case DATETIME -> round(dateTime(v, t, "datetime"), spec.fsp());
      case TIMESTAMP -> {
        LocalDateTime d = round(dateTime(v, t, "datetime"), spec.fsp());
        yield d == null ? null : d.toInstant(ZoneOffset.UTC);
      }
      case TIME -> time(v, t);
      case NULL -> null;
    };
  }

  private static BigDecimal number(Value v, Target t) {
    if (v.isNumeric()) {
      return v.decimal();
    }
    String text = v.text().trim();
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      if (v.isTemporal()) {
        return new BigDecimal(text.replaceAll("[^0-9.]", ""));
      }
      t.problem(
          ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD,
          t.column().spec().kind().isInteger() ? "integer" : "decimal",
          v.text(),
          t.column().name(),
          t.row());
      return BigDecimal.valueOf(NumericText.parseDouble(text));
    }
  }

  private static Object integer(Value v, ColumnSpec spec, Target t) {
    BigInteger n;
    if (v.kind() == Value.Kind.INT) {
      n = BigInteger.valueOf((Long) v.raw());
    } else if (v.kind() == Value.Kind.BINARY) {
      // A bit or hex literal (b'1010', X'41') assigned to an integer or BIT column is a number,
      // BIGINT UNSIGNED as MySQL reads it in numeric context.
      n = new BigInteger(1, (byte[]) v.raw());
    } else {
      n = number(v, t).setScale(0, RoundingMode.HALF_UP).toBigInteger();
    }
    BigInteger min;
    BigInteger max;
    int bits =
        switch (spec.kind()) {
          case TINYINT -> 8;
          case SMALLINT -> 16;
          case MEDIUMINT -> 24;
          case INT -> 32;
          default -> 64;
        };
    if (spec.unsigned()) {
      min = BigInteger.ZERO;
      max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    } else {
      min = BigInteger.ONE.shiftLeft(bits - 1).negate();
      max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    }
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      t.problem(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE, t.column().name(), t.row());
      n = n.compareTo(min) < 0 ? min : max;
    }
    return n.longValue();
  }

  private static Object year(Value v, Target t) {
    long y = number(v, t).setScale(0, RoundingMode.HALF_UP).longValue();
    if (y > 0 && y < 70) {
      y += 2000;
    } else if (y >= 70 && y < 100) {
      y += 1900;
    }
    if (y != 0 && (y < 1901 || y > 2155)) {
      t.problem(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE, t.column().name(), t.row());
      y = 0;
    }
    return y;
  }

  private static Object decimal(Value v, ColumnSpec spec, Target t) {
    BigDecimal d = number(v, t).setScale(spec.scale(), RoundingMode.HALF_UP);
    BigDecimal max =
        BigDecimal.TEN
            .pow(spec.precision() - spec.scale())
            .subtract(BigDecimal.ONE.movePointLeft(spec.scale()));
    if (d.abs().compareTo(max) > 0) {
      t.problem(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE, t.column().name(), t.row());
      d = d.signum() < 0 ? max.negate() : max;
    }
    if (spec.unsigned() && d.signum() < 0) {
      t.problem(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE, t.column().name(), t.row());
      d = BigDecimal.ZERO.setScale(spec.scale());
    }
    return d;
  }

  private static LocalDateTime dateTime(Value v, Target t, String kind) {
    LocalDateTime d = TemporalFunctions.toDateTime(v);
    if (d == null && v.isNumeric()) {
      d = fromNumber(v.asLong());
    }
    if (d == null) {
      t.problem(ErrorCode.ER_TRUNCATED_WRONG_VALUE, kind, v.text());
      return LocalDateTime.of(1970, 1, 1, 0, 0);
    }
    return d;
  }

  /** 20240131 and 20240131123000 as MySQL reads numbers into dates. */
  private static LocalDateTime fromNumber(long n) {
    try {
      if (n >= 10_000_101L && n <= 99_991_231L) {
        return LocalDate.of((int) (n / 10000), (int) (n / 100 % 100), (int) (n % 100))
            .atStartOfDay();
      }
      if (n >= 10_000_101_000_000L) {
        long date = n / 1_000_000;
        long time = n % 1_000_000;
        return LocalDateTime.of(
            (int) (date / 10000),
            (int) (date / 100 % 100),
            (int) (date % 100),
            (int) (time / 10000),
            (int) (time / 100 % 100),
            (int) (time % 100));
      }
    } catch (java.time.DateTimeException e) {
      return null;
    }
    return null;
  }

  private static LocalDateTime round(LocalDateTime d, int fsp) {
    if (d == null) {
      return null;
    }
    long unit = (long) Math.pow(10, 9 - fsp);
    long nanos = d.getNano();
    long rounded = (nanos + unit / 2) / unit * unit;
    return d.withNano(0).plusNanos(rounded);
  }

  private static Duration time(Value v, Target t) {
    if (v.kind() == Value.Kind.TIME) {
      return Duration.ofNanos(((LocalTime) v.raw()).toNanoOfDay());
    }
    if (v.kind() == Value.Kind.DATETIME) {
      return Duration.ofNanos(((LocalDateTime) v.raw()).toLocalTime().toNanoOfDay());
    }
    String s = v.text().trim();
    boolean negative = s.startsWith("-");
    String body = negative ? s.substring(1) : s;
    String[] parts = body.split(":");
    try {
      Duration d;
      if (parts.length >= 2) {
        d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]));
        if (parts.length == 3) {
          d = d.plusNanos((long) (Double.parseDouble(parts[2]) * 1_000_000_000L));
        }
      } else {
        long n = (long) Double.parseDouble(body);
        d = Duration.ofHours(n / 10000).plusMinutes(n / 100 % 100).plusSeconds(n % 100);
      }
      return negative ? d.negated() : d;
    } catch (NumberFormatException e) {
      t.problem(ErrorCode.ER_TRUNCATED_WRONG_VALUE, "time", v.text());
      return Duration.ZERO;
    }
  }
}
