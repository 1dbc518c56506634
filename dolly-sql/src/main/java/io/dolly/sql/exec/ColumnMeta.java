package io.dolly.sql.exec;

import io.dolly.protocol.ColumnType;

/**
 * One column of a result set as the ColumnDefinition41 packet describes it.
 *
 * @param collationId the character set/collation number (63 = binary for numbers and dates)
 * @param length the maximum display length in bytes
 * @param flags {@link io.dolly.protocol.ColumnFlags} bits
 * @param decimals digits after the point; 31 for strings and doubles without a fixed scale
 */
public record ColumnMeta(
    String schema,
    String table,
    String orgTable,
    String name,
    String orgName,
    int collationId,
    long length,
    ColumnType type,
    int flags,
    int decimals) {

  /** A column of a SHOW-style result: utf8mb4 text, no table. */
  public static ColumnMeta text(String name, long chars) {
    return new ColumnMeta("", "", "", name, name, 255, chars * 4, ColumnType.VAR_STRING, 0, 0);
  }

  /** A column of a SHOW-style result holding integers. */
  public static ColumnMeta integer(String name, long digits) {
    return new ColumnMeta(
        "",
        "",
        "",
        name,
        name,
        63,
        digits,
        ColumnType.LONGLONG,
        io.dolly.protocol.ColumnFlags.BINARY | io.dolly.protocol.ColumnFlags.NUM,
        0);
  }
}
