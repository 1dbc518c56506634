package io.dolly.storage.record;

import java.util.Objects;

/**
 * One column as storage sees it.
 *
 * @param kind the type
 * @param unsigned integers only
 * @param length CHAR/VARCHAR: max characters; BINARY/VARBINARY: max bytes; TEXT/BLOB: max bytes
 *     (65535, 16777215 or Integer.MAX_VALUE for the MEDIUM and LONG variants)
 * @param precision DECIMAL digits (1..65)
 * @param scale DECIMAL digits after the point (0..30, at most precision)
 * @param fsp fractional seconds digits of TIME, DATETIME, TIMESTAMP (0..6)
 * @param collation strings only; null otherwise
 * @param nullable whether NULL is allowed
 */
public record ColumnSpec(
    ColumnKind kind,
    boolean unsigned,
    int length,
    int precision,
    int scale,
    int fsp,
    Collation collation,
    boolean nullable) {
  public ColumnSpec {
    Objects.requireNonNull(kind, "kind");
    if (kind.isString()) {
      Objects.requireNonNull(collation, "a string column needs a collation");
    }
    if (kind == ColumnKind.DECIMAL
        && (precision < 1 || precision > 65 || scale < 0 || scale > 30 || scale > precision)) {
      throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ")");
    }
    if (fsp < 0 || fsp > 6) {
      throw new IllegalArgumentException("fractional seconds precision " + fsp);
    }
  }

  public static ColumnSpec integer(ColumnKind kind, boolean unsigned, boolean nullable) {
    if (!kind.isInteger()) {
      throw new IllegalArgumentException(kind + " is not an integer type");
    }
    return new ColumnSpec(kind, unsigned, 0, 0, 0, 0, null, nullable);
  }

  public static ColumnSpec decimal(int precision, int scale, boolean nullable) {
    return new ColumnSpec(ColumnKind.DECIMAL, false, 0, precision, scale, 0, null, nullable);
  }

  public static ColumnSpec string(
      ColumnKind kind, int length, Collation collation, boolean nullable) {
    if (!kind.isString()) {
      throw new IllegalArgumentException(kind + " is not a string type");
    }
    return new ColumnSpec(kind, false, length, 0, 0, 0, collation, nullable);
  }

  public static ColumnSpec binary(ColumnKind kind, int length, boolean nullable) {
    if (!kind.isBinary()) {
      throw new IllegalArgumentException(kind + " is not a binary type");
    }
    return new ColumnSpec(kind, false, length, 0, 0, 0, null, nullable);
  }

  public static ColumnSpec temporal(ColumnKind kind, int fsp, boolean nullable) {
    return new ColumnSpec(kind, false, 0, 0, 0, fsp, null, nullable);
  }

  /** FLOAT, DOUBLE, DATE, YEAR and NULL, which need no parameters. */
  public static ColumnSpec of(ColumnKind kind, boolean nullable) {
    return new ColumnSpec(kind, false, 0, 0, 0, 0, null, nullable || kind == ColumnKind.NULL);
  }
}
