package io.dolly.protocol.binary;

import io.dolly.protocol.ColumnType;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * MySQL's binary value encoding, used by prepared-statement parameters and binary result rows.
 *
 * <pre>
 * TINY 1 byte · SHORT, YEAR 2 · LONG, INT24 4 · LONGLONG 8 (little-endian)
 * FLOAT 4 · DOUBLE 8 (IEEE 754, little-endian)
 * DATE, DATETIME, TIMESTAMP: int<1> length (0, 4, 7 or 11), int<2> year, int<1> month, day,
 *     hour, minute, second, int<4> microseconds — trailing zero parts omitted
 * TIME: int<1> length (0, 8 or 12), int<1> negative, int<4> days, int<1> hours, minutes,
 *     seconds, int<4> microseconds
 * everything else (strings, blobs, DECIMAL, JSON, ...): a length-encoded string
 * </pre>
 */
public final class BinaryValues {
  private BinaryValues() {}

  /** Reads one parameter value; see {@link StmtExecute#values()} for the Java types. */
  static Object read(PayloadReader r, int type, boolean unsigned) {
    ColumnType t;
    try {
      t = ColumnType.ofCode(type);
    } catch (IllegalArgumentException e) {
      throw new MalformedPacketException("unknown parameter type " + type);
    }
    return switch (t) {
      case TINY -> unsigned ? (long) r.int1() : (long) (byte) r.int1();
      case SHORT, YEAR -> unsigned ? (long) r.int2() : (long) (short) r.int2();
      case LONG, INT24 -> unsigned ? r.int4() : (long) (int) r.int4();
      case LONGLONG -> {
        long v = r.int8();
        yield unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : v;
      }
      case FLOAT -> (double) Float.intBitsToFloat((int) r.int4());
      case DOUBLE -> Double.longBitsToDouble(r.int8());
      case DATE, DATETIME, TIMESTAMP -> readDateTime(r, t == ColumnType.DATE);
      case TIME -> readTime(r);
      default -> r.lenencBytes();
    };
  }

  private static String readDateTime(PayloadReader r, boolean dateOnly) {
    int len = r.int1();
    if (len == 0) {
      return dateOnly ? "0000-00-00" : "0000-00-00 00:00:00";
    }
    if (len != 4 && len != 7 && len != 11) {
      throw new MalformedPacketException("bad datetime length " + len);
    }
    int year = r.int2();
    int month = r.int1();
    int day = r.int1();
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    if (len >= 7) {
      hour = r.int1();
      minute = r.int1();
      second = r.int1();
    }
    if (len == 11) {
      micros = r.int4();
    }
    String date = String.format("%04d-%02d-%02d", year, month, day);
    if (dateOnly) {
      return date;
    }
    return date + String.format(" %02d:%02d:%02d", hour, minute, second) + fraction(micros);
  }

  private static String readTime(PayloadReader r) {
    int len = r.int1();
    if (len == 0) {
      return "00:00:00";
    }
    if (len != 8 && len != 12) {
      throw new MalformedPacketException("bad time length " + len);
    }
    boolean negative = r.int1() == 1;
    long days = r.int4();
    int hour = r.int1();
    int minute = r.int1();
    int second = r.int1();
    long micros = len == 12 ? r.int4() : 0;
    return (negative ? "-" : "")
        + String.format("%02d:%02d:%02d", days * 24 + hour, minute, second)
        + fraction(micros);
  }

  private static String fraction(long micros) {
    return micros == 0 ? "" : String.format(".%06d", micros);
  }

  /**
   * Writes a value given in MySQL's text form in the binary form of {@code type}. The SQL layer
   * renders every value as text; converting here keeps one renderer for both protocols.
   */
  static void writeFromText(PayloadWriter w, ColumnType type, byte[] text) {
    switch (type) {
      case TINY -> w.int1((int) parseLong(text));
      case SHORT, YEAR -> w.int2((int) parseLong(text));
      case LONG, INT24 -> w.int4(parseLong(text));
      case LONGLONG -> w.int8(parseLong(text));
      case FLOAT -> w.int4(Float.floatToIntBits(Float.parseFloat(ascii(text))) & 0xffffffffL);
      case DOUBLE -> w.int8(Double.doubleToLongBits(Double.parseDouble(ascii(text))));
      case DATE, DATETIME, TIMESTAMP -> writeDateTime(w, ascii(text));
      case TIME -> writeTime(w, ascii(text));
      default -> w.lenencBytes(text);
    }
  }

  private static long parseLong(byte[] text) {
    String s = ascii(text);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      // Unsigned BIGINT above Long.MAX_VALUE travels as its two's-complement bits.
      return new BigInteger(s).longValue();
    }
  }

  private static void writeDateTime(PayloadWriter w, String s) {
    int year = Integer.parseInt(s.substring(0, 4));
    int month = Integer.parseInt(s.substring(5, 7));
    int day = Integer.parseInt(s.substring(8, 10));
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    if (s.length() >= 19) {
      hour = Integer.parseInt(s.substring(11, 13));
      minute = Integer.parseInt(s.substring(14, 16));
      second = Integer.parseInt(s.substring(17, 19));
      if (s.length() > 20) {
        micros = micros(s.substring(20));
      }
    }
    if (year == 0
        && month == 0
        && day == 0
        && hour == 0
        && minute == 0
        && second == 0
        && micros == 0) {
      w.int1(0);
    } else if (micros != 0) {
      w.int1(11).int2(year).int1(month).int1(day).int1(hour).int1(minute).int1(second);
      w.int4(micros);
    } else if (hour != 0 || minute != 0 || second != 0) {
      w.int1(7).int2(year).int1(month).int1(day).int1(hour).int1(minute).int1(second);
    } else {
      w.int1(4).int2(year).int1(month).int1(day);
    }
  }

  private static void writeTime(PayloadWriter w, String s) {
    boolean negative = s.startsWith("-");
    String t = negative ? s.substring(1) : s;
    String[] parts = t.split("[:.]");
    long hours = Long.parseLong(parts[0]);
    int minute = Integer.parseInt(parts[1]);
    int second = Integer.parseInt(parts[2]);
    long micros = parts.length > 3 ? micros(parts[3]) : 0;
    if (hours == 0 && minute == 0 && second == 0 && micros == 0) {
      w.int1(0);
      return;
    }
    w.int1(micros == 0 ? 8 : 12).int1(negative ? 1 : 0).int4(hours / 24);
    w.int1((int) (hours % 24)).int1(minute).int1(second);
    if (micros != 0) {
      w.int4(micros);
    }
  }

  private static long micros(String digits) {
    String six = (digits + "000000").substring(0, 6);
    return Long.parseLong(six);
  }

  private static String ascii(byte[] text) {
    return new String(text, StandardCharsets.US_ASCII);
  }
}
