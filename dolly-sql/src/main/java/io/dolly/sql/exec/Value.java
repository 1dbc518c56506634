package io.dolly.sql.exec;

import io.dolly.sql.charset.RawUtf8;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A typed SQL value during evaluation.
 *
 * <p>Representation by kind: INT {@link Long}; DECIMAL {@link BigDecimal}; DOUBLE {@link Double};
 * STRING {@link String}; BINARY {@code byte[]}; DATETIME {@link LocalDateTime}; DATE {@link
 * LocalDate}; TIME {@link LocalTime}; NULL null.
 *
 * @param decimals fractional digits for DECIMAL/temporal values
 */
public record Value(Kind kind, Object raw, int decimals) {
  public enum Kind {
    NULL,
    INT,
    DECIMAL,
    DOUBLE,
    STRING,
    BINARY,
    DATETIME,
    DATE,
    TIME
  }

  public static final Value NULL = new Value(Kind.NULL, null, 0);
  public static final Value TRUE = of(1);
  public static final Value FALSE = of(0);

  public static Value of(long v) {
    return new Value(Kind.INT, v, 0);
  }

  public static Value of(boolean b) {
    return b ? TRUE : FALSE;
  }

  public static Value of(String s) {
    return s == null ? NULL : new Value(Kind.STRING, s, 0);
  }

  public static Value of(BigDecimal d) {
    return d == null ? NULL : new Value(Kind.DECIMAL, d, Math.max(0, d.scale()));
  }

  /** Bytes of a binary string (BLOB parameters, x'..' literals). */
  public static Value ofBytes(byte[] b) {
    return b == null ? NULL : new Value(Kind.BINARY, b.clone(), 0);
  }

  public static Value ofDouble(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? NULL : new Value(Kind.DOUBLE, d, 31);
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  public boolean isNumeric() {
    return kind == Kind.INT || kind == Kind.DECIMAL || kind == Kind.DOUBLE;
  }

  public boolean isTemporal() {
    return kind == Kind.DATETIME || kind == Kind.DATE || kind == Kind.TIME;
  }

  /**
   * The value as a Java object for system-variable assignment (Long, BigDecimal, Double, String).
   */
  public Object forAssignment() {
    return switch (kind) {
      case NULL -> null;
      case INT, DECIMAL, DOUBLE, STRING -> raw;
      default -> text();
    };
  }

  public BigDecimal decimal() {
    return switch (kind) {
      case INT -> BigDecimal.valueOf((Long) raw);
      case DECIMAL -> (BigDecimal) raw;
      case DOUBLE -> BigDecimal.valueOf((Double) raw);
      case NULL -> null;
      default -> BigDecimal.valueOf(asDouble());
    };
  }

  public double asDouble() {
    return switch (kind) {
      case INT -> (Long) raw;
      case DECIMAL -> ((BigDecimal) raw).doubleValue();
      case DOUBLE -> (Double) raw;
      case NULL -> 0;
      default -> NumericText.parseDouble(text());
    };
  }

  public long asLong() {
    return switch (kind) {
      case INT -> (Long) raw;
      case DECIMAL -> ((BigDecimal) raw).setScale(0, RoundingMode.HALF_UP).longValue();
      case DOUBLE -> Math.round((Double) raw);
      case NULL -> 0;
      default -> NumericText.parseLong(text());
    };
  }

  /** SQL truth: NULL stays unknown (null), numbers are true when non-zero. */
  public Boolean truth() {
    if (isNull()) {
      return null;
    }
    return switch (kind) {
      case INT -> (Long) raw != 0;
      case DECIMAL -> ((BigDecimal) raw).signum() != 0;
      default -> asDouble() != 0;
    };
  }

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** The value as MySQL's text protocol prints it; null for NULL. */
  public String text() {
    return switch (kind) {
      case NULL -> null;
      case INT -> String.valueOf(raw);
      case DECIMAL -> ((BigDecimal) raw).toPlainString();
      case DOUBLE -> NumericText.formatDouble((Double) raw);
      case STRING -> (String) raw;
      case BINARY -> new String((byte[]) raw, StandardCharsets.ISO_8859_1);
      case DATETIME ->
          fraction(((LocalDateTime) raw).format(DATETIME), ((LocalDateTime) raw).getNano());
      case DATE -> raw.toString();
      case TIME -> fraction(((LocalTime) raw).format(TIME), ((LocalTime) raw).getNano());
    };
  }

  private String fraction(String base, int nanos) {
    if (decimals <= 0) {
      return base;
    }
    String f = String.format("%09d", nanos).substring(0, Math.min(6, decimals));
    return base + "." + f;
  }

  /**
   * Text-protocol bytes: UTF-8 for text (with the raw bytes a literal carried, see {@link
   * RawUtf8}), raw bytes for BINARY.
   */
  public byte[] bytes() {
    if (kind == Kind.BINARY) {
      return (byte[]) raw;
    }
    String t = text();
    return t == null
        ? null
        : kind == Kind.STRING ? RawUtf8.encode(t) : t.getBytes(StandardCharsets.UTF_8);
  }
}
