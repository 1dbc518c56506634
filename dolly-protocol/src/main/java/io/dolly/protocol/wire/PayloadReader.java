package io.dolly.protocol.wire;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads MySQL protocol primitives from one payload. Integers are little-endian. Every read checks
 * bounds first and throws {@link MalformedPacketException}, so a decoder fed a truncated payload
 * fails with that exception and nothing else.
 */
public final class PayloadReader {
  /** Length-encoded integer prefixes: 0xfb is NULL in rows, 0xfc/0xfd/0xfe precede 2/3/8 bytes. */
  public static final int LENENC_NULL = 0xfb;

  public static final int LENENC_2 = 0xfc;
  public static final int LENENC_3 = 0xfd;
  public static final int LENENC_8 = 0xfe;

  private final byte[] buf;
  private final int end;
  private int pos;

  public PayloadReader(byte[] payload) {
    this(payload, 0, payload.length);
  }

  public PayloadReader(byte[] payload, int offset, int length) {
    this.buf = payload;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void need(int n, String what) {
    if (n < 0 || end - pos < n) {
      throw new MalformedPacketException(
          "truncated packet: need "
              + n
              + " bytes for "
              + what
              + " at offset "
              + pos
              + ", have "
              + (end - pos));
    }
  }

  /** The next byte without consuming it. */
  public int peek() {
    need(1, "byte");
    return buf[pos] & 0xff;
  }

  public int int1() {
    need(1, "int<1>");
    return buf[pos++] & 0xff;
  }

  public int int2() {
    return (int) fixed(2);
  }

  public int int3() {
    return (int) fixed(3);
  }

  public long int4() {
    return fixed(4);
  }

  public long int6() {
    return fixed(6);
  }

  public long int8() {
    return fixed(8);
  }

  /** A fixed-length little-endian unsigned integer of {@code n} bytes (1..8). */
  public long fixed(int n) {
    need(n, "int<" + n + ">");
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (buf[pos + i] & 0xff) << (8 * i);
    }
    pos += n;
    return v;
  }

  /**
   * A length-encoded integer; values above {@link Long#MAX_VALUE} come back negative (read them
   * with {@link Long#toUnsignedString}). The 0xfb (NULL) and 0xff prefixes are malformed here.
   */
  public long lenencInt() {
    int first = int1();
    if (first < LENENC_NULL) {
      return first;
    }
    return switch (first) {
      case LENENC_2 -> fixed(2);
      case LENENC_3 -> fixed(3);
      case LENENC_8 -> fixed(8);
      default ->
          throw new MalformedPacketException(
              "invalid length-encoded integer prefix 0x" + Integer.toHexString(first));
    };
  }

  /** A length-encoded byte string; null for the 0xfb NULL marker (text-protocol rows). */
  public byte[] lenencBytesOrNull() {
    if (peek() == LENENC_NULL) {
      pos++;
      return null;
    }
    return lenencBytes();
  }

  public byte[] lenencBytes() {
    long len = lenencInt();
    if (len < 0 || len > Integer.MAX_VALUE) {
      throw new MalformedPacketException("length-encoded string too long: " + len);
    }
    return bytes((int) len);
  }

  public String lenencString() {
    return new String(lenencBytes(), StandardCharsets.UTF_8);
  }

  public byte[] bytes(int n) {
    need(n, "string<" + n + ">");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  public void skip(int n) {
    need(n, "skip");
    pos += n;
  }

  /** Bytes up to a NUL, consuming the NUL; a missing terminator is malformed. */
  public byte[] nulBytes() {
    for (int i = pos; i < end; i++) {
      if (buf[i] == 0) {
        byte[] out = Arrays.copyOfRange(buf, pos, i);
        pos = i + 1;
        return out;
      }
    }
    throw new MalformedPacketException("unterminated string at offset " + pos);
  }

  public String nulString() {
    return new String(nulBytes(), StandardCharsets.UTF_8);
  }

  public String nulString(Charset charset) {
    return new String(nulBytes(), charset);
  }

  /** Everything left in the payload. */
  public byte[] rest() {
    return bytes(end - pos);
  }

  public String restString() {
    return new String(rest(), StandardCharsets.UTF_8);
  }
}
