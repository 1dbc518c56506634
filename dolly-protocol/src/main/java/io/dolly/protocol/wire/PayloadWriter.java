package io.dolly.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds one payload from MySQL protocol primitives; integers little-endian. */
public final class PayloadWriter {
  private byte[] buf;
  private int size;

  public PayloadWriter() {
    this(64);
  }

  public PayloadWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("payload too large");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  public int size() {
    return size;
  }

  public PayloadWriter int1(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public PayloadWriter int2(int v) {
    return fixed(v, 2);
  }

  public PayloadWriter int3(int v) {
    return fixed(v, 3);
  }

  public PayloadWriter int4(long v) {
    return fixed(v, 4);
  }

  public PayloadWriter int6(long v) {
    return fixed(v, 6);
  }

  public PayloadWriter int8(long v) {
    return fixed(v, 8);
  }

  /** The low {@code n} bytes of {@code v}, little-endian. */
  public PayloadWriter fixed(long v, int n) {
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** A length-encoded integer; {@code v} is treated as unsigned 64-bit. */
  public PayloadWriter lenencInt(long v) {
    if (v >= 0 && v < PayloadReader.LENENC_NULL) {
      return int1((int) v);
    } else if (v >= 0 && v < (1L << 16)) {
      return int1(PayloadReader.LENENC_2).fixed(v, 2);
    } else if (v >= 0 && v < (1L << 24)) {
      return int1(PayloadReader.LENENC_3).fixed(v, 3);
    }
    return int1(PayloadReader.LENENC_8).fixed(v, 8);
  }

  public PayloadWriter lenencBytes(byte[] b) {
    lenencInt(b.length);
    return bytes(b);
  }

  /** A text-protocol cell: 0xfb for SQL NULL, otherwise a length-encoded string. */
  public PayloadWriter lenencBytesOrNull(byte[] b) {
    return b == null ? int1(PayloadReader.LENENC_NULL) : lenencBytes(b);
  }

  public PayloadWriter lenencString(String s) {
    return lenencBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public PayloadWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public PayloadWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  public PayloadWriter zeros(int n) {
    ensure(n);
    size += n; // the buffer is zero-filled beyond size
    return this;
  }

  public PayloadWriter nulBytes(byte[] b) {
    return bytes(b).int1(0);
  }

  public PayloadWriter nulString(String s) {
    return nulBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public PayloadWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
