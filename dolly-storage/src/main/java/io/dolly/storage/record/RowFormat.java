package io.dolly.storage.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The bytes of a row as a clustered-index value:
 *
 * <pre>
 * offset        size        field
 *      0          6         DB_TRX_ID    id of the transaction that wrote this version
 *      6          7         DB_ROLL_PTR  undo record holding the previous version (0 = none)
 *     13      ceil(n/8)     null bitmap  bit 7 - (i % 8) of byte i / 8 set = column i is NULL
 *      ..                   the non-NULL columns in column order:
 *                             fixed-size kinds in {@link ColumnKind#fixedSize()} bytes,
 *                             big-endian: integers (two's complement), FLOAT/DOUBLE (IEEE bits),
 *                             DATE (packed), TIME/DATETIME/TIMESTAMP (microseconds), YEAR;
 *                             variable-size kinds as a length then the bytes: the length is one
 *                             byte when below 0x80, else four bytes with the top bit set;
 *                             strings in UTF-8, binary as is, DECIMAL as the two's-complement
 *                             unscaled value at the column's scale
 * </pre>
 *
 * The transaction id and roll pointer are in every record from the start so that MVCC and undo can
 * be added without changing the file format; {@link #withHeader} rewrites them in place.
 */
public final class RowFormat {
  public static final int TRX_ID = 0;
  public static final int TRX_ID_SIZE = 6;
  public static final int ROLL_PTR = 6;
  public static final int ROLL_PTR_SIZE = 7;
  public static final int NULL_BITMAP = 13;

  private static final int LONG_LENGTH_FLAG = 0x8000_0000;

  private final ColumnSpec[] columns;
  private final int bitmapSize;

  public RowFormat(List<ColumnSpec> columns) {
    this.columns = columns.toArray(new ColumnSpec[0]);
    this.bitmapSize = (this.columns.length + 7) / 8;
  }

  public int columnCount() {
    return columns.length;
  }

  public byte[] encode(long trxId, long rollPointer, Object[] values) {
    if (values.length != columns.length) {
      throw new IllegalArgumentException(
          values.length + " values for a row of " + columns.length + " columns");
    }
    KeyBuffer out = new KeyBuffer(NULL_BITMAP + bitmapSize + 8 * columns.length);
    out.putBigEndian(trxId, TRX_ID_SIZE);
    out.putBigEndian(rollPointer, ROLL_PTR_SIZE);
    byte[] bitmap = new byte[bitmapSize];
    for (int i = 0; i < columns.length; i++) {
      if (values[i] == null || columns[i].kind() == ColumnKind.NULL) {
        if (!columns[i].nullable()) {
          throw new IllegalArgumentException("Column " + i + " cannot be null");
        }
        bitmap[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    out.put(bitmap, 0, bitmapSize);
    for (int i = 0; i < columns.length; i++) {
      if ((bitmap[i / 8] & (0x80 >>> (i % 8))) == 0) {
        encodeField(columns[i], values[i], out);
      }
    }
    return out.toByteArray();
  }

  public Object[] decode(byte[] row) {
    Object[] values = new Object[columns.length];
    int pos = NULL_BITMAP + bitmapSize;
    for (int i = 0; i < columns.length; i++) {
      if ((row[NULL_BITMAP + i / 8] & (0x80 >>> (i % 8))) != 0) {
        continue;
      }
      ColumnSpec col = columns[i];
      int size = col.kind().fixedSize();
      if (size < 0) {
        int first = row[pos] & 0xFF;
        if (first < 0x80) {
          size = first;
          pos += 1;
        } else {
          size = (int) (readBigEndian(row, pos, 4) & ~LONG_LENGTH_FLAG);
          pos += 4;
        }
      }
      values[i] = decodeField(col, row, pos, size);
      pos += size;
    }
    return values;
  }

  public static long trxId(byte[] row) {
    return readBigEndian(row, TRX_ID, TRX_ID_SIZE);
  }

  public static long rollPointer(byte[] row) {
    return readBigEndian(row, ROLL_PTR, ROLL_PTR_SIZE);
  }

  /** Sets the transaction id and roll pointer of an encoded row in place; returns it. */
  public static byte[] withHeader(byte[] row, long trxId, long rollPointer) {
    writeBigEndian(row, TRX_ID, TRX_ID_SIZE, trxId);
    writeBigEndian(row, ROLL_PTR, ROLL_PTR_SIZE, rollPointer);
    return row;
  }

  private static void encodeField(ColumnSpec col, Object value, KeyBuffer out) {
    ColumnKind kind = col.kind();
    switch (kind) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT ->
          out.putBigEndian(
              IntegerRanges.check(kind, col.unsigned(), ((Number) value).longValue()),
              kind.fixedSize());
      case YEAR -> out.put(YearValues.toByte(((Number) value).longValue()));
      case FLOAT -> out.putBigEndian(Float.floatToIntBits((Float) value), 4);
      case DOUBLE -> out.putBigEndian(Double.doubleToLongBits((Double) value), 8);
      case DATE -> out.putBigEndian(TemporalValues.packDate((LocalDate) value), 3);
      case TIME, DATETIME, TIMESTAMP ->
          out.putBigEndian(TemporalValues.micros(kind, value, col.fsp()), 8);
      case DECIMAL -> putVariable(KeyEncoder.unscaled(col, (BigDecimal) value).toByteArray(), out);
      case CHAR, VARCHAR, TEXT -> {
        String s = (String) value;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (kind == ColumnKind.TEXT
            ? utf8.length > col.length()
            : s.codePointCount(0, s.length()) > col.length()) {
          throw new IllegalArgumentException(
              "Data too long for a " + kind + "(" + col.length() + ")");
        }
        putVariable(utf8, out);
      }
      case BINARY, VARBINARY, BLOB -> {
        byte[] b = (byte[]) value;
        if (b.length > col.length()) {
          throw new IllegalArgumentException(
              "Data too long for a " + kind + "(" + col.length() + ")");
        }
        putVariable(b, out);
      }
      case NULL -> {}
    }
  }

  private static void putVariable(byte[] b, KeyBuffer out) {
    if (b.length < 0x80) {
      out.put(b.length);
    } else {
      out.putBigEndian(b.length | LONG_LENGTH_FLAG, 4);
    }
    out.put(b, 0, b.length);
  }

  private static Object decodeField(ColumnSpec col, byte[] row, int pos, int size) {
    ColumnKind kind = col.kind();
    return switch (kind) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> {
        long v = readBigEndian(row, pos, size);
        if (!col.unsigned() && size < 8) {
          int shift = 64 - 8 * size;
          v = (v << shift) >> shift; // sign-extend
        }
        yield v;
      }
      case YEAR -> YearValues.fromByte(row[pos]);
      case FLOAT -> Float.intBitsToFloat((int) readBigEndian(row, pos, 4));
      case DOUBLE -> Double.longBitsToDouble(readBigEndian(row, pos, 8));
      case DATE -> TemporalValues.unpackDate((int) readBigEndian(row, pos, 3));
      case TIME, DATETIME, TIMESTAMP -> TemporalValues.fromMicros(kind, readBigEndian(row, pos, 8));
      case DECIMAL ->
          new BigDecimal(
              new BigInteger(java.util.Arrays.copyOfRange(row, pos, pos + size)), col.scale());
      case CHAR, VARCHAR, TEXT -> new String(row, pos, size, StandardCharsets.UTF_8);
      case BINARY, VARBINARY, BLOB -> java.util.Arrays.copyOfRange(row, pos, pos + size);
      case NULL -> null;
    };
  }

  private static long readBigEndian(byte[] b, int off, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static void writeBigEndian(byte[] b, int off, int n, long v) {
    for (int i = n - 1; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
