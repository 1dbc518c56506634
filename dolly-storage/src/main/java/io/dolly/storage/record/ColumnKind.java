package io.dolly.storage.record;

/**
 * The storage-level column types and the Java type that carries their values (null is SQL NULL):
 *
 * <pre>
 * TINYINT SMALLINT MEDIUMINT INT BIGINT  Long (an unsigned BIGINT uses all 64 bits: compare
 *                                        with Long.compareUnsigned)
 * YEAR                                   Long: 0 (the year 0000) or 1901..2155
 * DECIMAL(p,s)                           BigDecimal, rounded half-up to s digits
 * FLOAT / DOUBLE                         Float / Double (-0 is stored as 0; NaN is refused)
 * CHAR VARCHAR TEXT                      String, with a {@link Collation}
 * BINARY VARBINARY BLOB                  byte[]
 * DATE                                   java.time.LocalDate
 * TIME(fsp)                              java.time.Duration (MySQL's range is +-838:59:59)
 * DATETIME(fsp)                          java.time.LocalDateTime
 * TIMESTAMP(fsp)                         java.time.Instant
 * NULL                                   always null
 * </pre>
 *
 * <p>{@link #fixedSize()} is the width of a row field of that kind, or -1 when the field is
 * variable-size (length-prefixed).
 */
public enum ColumnKind {
  TINYINT(1),
  SMALLINT(2),
  MEDIUMINT(3),
  INT(4),
  BIGINT(8),
  DECIMAL(-1),
  FLOAT(4),
  DOUBLE(8),
  CHAR(-1),
  VARCHAR(-1),
  TEXT(-1),
  BINARY(-1),
  VARBINARY(-1),
  BLOB(-1),
  DATE(3),
  TIME(8),
  DATETIME(8),
  TIMESTAMP(8),
  YEAR(1),
  NULL(0);

  private final int fixedSize;

  ColumnKind(int fixedSize) {
    this.fixedSize = fixedSize;
  }

  public int fixedSize() {
    return fixedSize;
  }

  public boolean isInteger() {
    return this == TINYINT
        || this == SMALLINT
        || this == MEDIUMINT
        || this == INT
        || this == BIGINT;
  }

  public boolean isString() {
    return this == CHAR || this == VARCHAR || this == TEXT;
  }

  public boolean isBinary() {
    return this == BINARY || this == VARBINARY || this == BLOB;
  }

  public boolean hasFractionalSeconds() {
    return this == TIME || this == DATETIME || this == TIMESTAMP;
  }
}
