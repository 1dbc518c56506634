package io.dolly.storage.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes index keys so that comparing the bytes as unsigned strings gives MySQL's order of the
 * column values, column by column. Layout of a composite key, for each column in turn:
 *
 * <pre>
 * nullable column   1 byte  0x00 = NULL (sorts first, nothing follows), 0x01 = a value follows
 * integer           w bytes big-endian (w = 1,2,3,4,8); signed types flip the sign bit
 * DECIMAL(p,s)      the value times 10^s as a two's-complement integer of the width that holds
 *                   p digits, big-endian, sign bit flipped
 * FLOAT / DOUBLE    IEEE bits big-endian: positive values flip the sign bit, negative values flip
 *                   every bit (-0 is encoded as 0)
 * DATE              3 bytes year&lt;&lt;9 | month&lt;&lt;5 | day
 * TIME DATETIME
 * TIMESTAMP         8 bytes microseconds, sign bit flipped
 * YEAR              1 byte (0 for 0000, year - 1900 otherwise)
 * strings, binary   the collation's sort key (or the bytes), with every 0x00 written as 0x00 0xFF
 *                   and ended by 0x00 0x00, so the part is self-delimiting and a shorter string
 *                   sorts before its extensions
 * NULL type         nothing beyond the NULL marker
 * </pre>
 *
 * <p>The encoding of the first k columns is a byte prefix of the encoding of all of them, so a
 * range over a key prefix is {@code [encode(prefix), prefixEnd(encode(prefix)))}. Keys of
 * case-insensitive strings are not decodable; indexes keep the row (or the primary key) for that.
 */
public final class KeyEncoder {
  private final ColumnSpec[] columns;

  public KeyEncoder(List<ColumnSpec> columns) {
    this.columns = columns.toArray(new ColumnSpec[0]);
  }

  public int columnCount() {
    return columns.length;
  }

  /** Encodes the first {@code values.length} columns (all of them, or a prefix). */
  public byte[] encode(Object... values) {
    if (values.length > columns.length) {
      throw new IllegalArgumentException(
          values.length + " values for a key of " + columns.length + " columns");
    }
    KeyBuffer out = new KeyBuffer(32);
    for (int i = 0; i < values.length; i++) {
      encodeColumn(columns[i], values[i], out);
    }
    return out.toByteArray();
  }

  public byte[] encode(List<?> values) {
    return encode(values.toArray());
  }

  /**
   * How many bytes at the start of {@code key} encode its first {@code columnCount} columns (the
   * parts are self-delimiting); a secondary index finds the primary key after its own columns so.
   */
  public int encodedLength(byte[] key, int columnCount) {
    int pos = 0;
    for (int i = 0; i < columnCount; i++) {
      ColumnSpec col = columns[i];
      if (col.nullable() || col.kind() == ColumnKind.NULL) {
        if (key[pos++] == 0x00) {
          continue;
        }
      }
      pos +=
          switch (col.kind()) {
            case DECIMAL -> decimalWidth(col.precision());
            case CHAR, VARCHAR, TEXT, BINARY, VARBINARY, BLOB -> escapedLength(key, pos);
            default -> col.kind().fixedSize();
          };
    }
    return pos;
  }

  /** Length of an escaped string part at {@code pos}, its 0x00 0x00 end included. */
  private static int escapedLength(byte[] key, int pos) {
    int p = pos;
    while (true) {
      if (key[p++] == 0x00 && key[p++] == 0x00) {
        return p - pos;
      }
    }
  }

  /**
   * The smallest key greater than every key that starts with {@code prefix}, or null if there is
   * none (the prefix is all 0xFF).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  static void encodeColumn(ColumnSpec col, Object value, KeyBuffer out) {
    if (col.nullable() || col.kind() == ColumnKind.NULL) {
      if (value == null || col.kind() == ColumnKind.NULL) {
        out.put(0x00);
        return;
      }
      out.put(0x01);
    } else if (value == null) {
      throw new IllegalArgumentException("NULL in a NOT NULL key column");
    }
    ColumnKind kind = col.kind();
    switch (kind) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> {
        long v = IntegerRanges.check(kind, col.unsigned(), ((Number) value).longValue());
        int w = kind.fixedSize();
        out.putBigEndian(col.unsigned() ? v : v ^ (1L << (8 * w - 1)), w);
      }
      case YEAR -> out.put(YearValues.toByte(((Number) value).longValue()));
      case DECIMAL -> encodeDecimal(col, (BigDecimal) value, out);
      case FLOAT -> {
        int bits = Float.floatToIntBits(checkNumber((Float) value) + 0.0f);
        out.putBigEndian(bits ^ ((bits >> 31) | Integer.MIN_VALUE), 4);
      }
      case DOUBLE -> {
        long bits = Double.doubleToLongBits(checkNumber((Double) value) + 0.0);
        out.putBigEndian(bits ^ ((bits >> 63) | Long.MIN_VALUE), 8);
      }
      case DATE -> out.putBigEndian(TemporalValues.packDate((LocalDate) value), 3);
      case TIME, DATETIME, TIMESTAMP ->
          out.putBigEndian(TemporalValues.micros(kind, value, col.fsp()) ^ Long.MIN_VALUE, 8);
      case CHAR, VARCHAR, TEXT -> out.putEscaped(col.collation().sortKey((String) value));
      case BINARY, VARBINARY, BLOB -> out.putEscaped((byte[]) value);
      case NULL -> {}
    }
  }

  private static float checkNumber(float f) {
    if (Float.isNaN(f)) {
      throw new IllegalArgumentException("NaN is not a FLOAT value");
    }
    return f;
  }

  private static double checkNumber(double d) {
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException("NaN is not a DOUBLE value");
    }
    return d;
  }

  /** Bytes of the two's-complement field holding any DECIMAL of this precision. */
  static int decimalWidth(int precision) {
    return (BigInteger.TEN.pow(precision).bitLength() + 1 + 7) / 8;
  }

  /** The unscaled value of {@code v} at the column's scale, checked against its precision. */
  static BigInteger unscaled(ColumnSpec col, BigDecimal v) {
    BigDecimal scaled = v.setScale(col.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() > col.precision() && scaled.signum() != 0) {
      throw new IllegalArgumentException(
          "Out of range value for DECIMAL(" + col.precision() + "," + col.scale() + "): " + v);
    }
    return scaled.unscaledValue();
  }

  private static void encodeDecimal(ColumnSpec col, BigDecimal v, KeyBuffer out) {
    byte[] twos = unscaled(col, v).toByteArray();
    int width = decimalWidth(col.precision());
    byte fill = (byte) (twos[0] < 0 ? 0xFF : 0x00);
    byte[] field = new byte[width];
    Arrays.fill(field, 0, width - twos.length, fill);
    System.arraycopy(twos, 0, field, width - twos.length, twos.length);
    field[0] ^= (byte) 0x80;
    out.put(field, 0, width);
  }
}
