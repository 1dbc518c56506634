package io.dolly.sql.exec;

import io.dolly.protocol.ColumnFlags;
import io.dolly.protocol.ColumnType;
import java.math.BigDecimal;

/**
 * Column definitions for computed columns, as MySQL reports them: numbers and dates in the binary
 * collation (63) with BINARY and NUM flags, text in utf8mb4 (255) with 4 bytes per character,
 * {@code decimals} 31 for text and doubles ("not fixed"), NOT_NULL for values that cannot be NULL.
 */
final class ColumnTyper {
  static final int BINARY_COLLATION = 63;
  static final int UTF8MB4_COLLATION = 255;
  static final int NOT_FIXED_DECIMALS = 31;

  private ColumnTyper() {}

  static ColumnMeta meta(String name, Value v, boolean notNull) {
    int nn = notNull ? ColumnFlags.NOT_NULL : 0;
    int numeric = ColumnFlags.BINARY | ColumnFlags.NUM | nn;
    return switch (v.kind()) {
      case NULL ->
          new ColumnMeta(
              "", "", "", name, "", BINARY_COLLATION, 0, ColumnType.NULL, ColumnFlags.BINARY, 0);
      case INT ->
          make(
              name,
              BINARY_COLLATION,
              Math.max(1, v.text().length()),
              ColumnType.LONGLONG,
              numeric,
              0);
      case DECIMAL -> {
        BigDecimal d = (BigDecimal) v.raw();
        int scale = Math.max(0, d.scale());
        int precision = Math.max(d.precision(), scale + 1);
        yield make(
            name,
            BINARY_COLLATION,
            precision + (scale > 0 ? 1 : 0) + 1,
            ColumnType.NEWDECIMAL,
            numeric,
            scale);
      }
      case DOUBLE ->
          make(name, BINARY_COLLATION, 22, ColumnType.DOUBLE, numeric, NOT_FIXED_DECIMALS);
      case STRING -> {
        String s = (String) v.raw();
        long chars = s.codePointCount(0, s.length());
        yield make(
            name, UTF8MB4_COLLATION, chars * 4, ColumnType.VAR_STRING, nn, NOT_FIXED_DECIMALS);
      }
      case BINARY ->
          make(
              name,
              BINARY_COLLATION,
              ((byte[]) v.raw()).length,
              ColumnType.VAR_STRING,
              ColumnFlags.BINARY | nn,
              NOT_FIXED_DECIMALS);
      case DATETIME ->
          make(
              name,
              BINARY_COLLATION,
              19 + (v.decimals() > 0 ? v.decimals() + 1 : 0),
              ColumnType.DATETIME,
              ColumnFlags.BINARY | nn,
              v.decimals());
      case DATE -> make(name, BINARY_COLLATION, 10, ColumnType.DATE, ColumnFlags.BINARY | nn, 0);
      case TIME ->
          make(
              name,
              BINARY_COLLATION,
              10 + (v.decimals() > 0 ? v.decimals() + 1 : 0),
              ColumnType.TIME,
              ColumnFlags.BINARY | nn,
              v.decimals());
    };
  }

  private static ColumnMeta make(
      String name, int collation, long length, ColumnType type, int flags, int decimals) {
    return new ColumnMeta("", "", "", name, "", collation, length, type, flags, decimals);
  }
}
