package io.dolly.storage.redo;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Collects the records of one mini-transaction (layouts in {@link RedoRecordType}). */
public final class RedoRecordWriter {
  private byte[] buf = new byte[256];
  private int len;

  public int length() {
    return len;
  }

  public byte[] bytes() {
    return buf;
  }

  public void reset() {
    len = 0;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private void u8(int v) {
    buf[len++] = (byte) v;
  }

  private void u16(int v) {
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void u32(int v) {
    u16(v >>> 16);
    u16(v);
  }

  private void head(int type, int spaceId, int pageNo, int more) {
    ensure(9 + more);
    u8(type);
    u32(spaceId);
    u32(pageNo);
  }

  public void write(int spaceId, int pageNo, int offset, byte[] src, int srcOffset, int length) {
    while (length > 0) {
      int n = Math.min(length, RedoRecordType.MAX_RUN);
      head(RedoRecordType.WRITE, spaceId, pageNo, 4 + n);
      u16(offset);
      u16(n);
      System.arraycopy(src, srcOffset, buf, len, n);
      len += n;
      offset += n;
      srcOffset += n;
      length -= n;
    }
  }

  public void fill(int spaceId, int pageNo, int offset, int length, byte value) {
    while (length > 0) {
      int n = Math.min(length, RedoRecordType.MAX_RUN);
      head(RedoRecordType.FILL, spaceId, pageNo, 5);
      u16(offset);
      u16(n);
      u8(value);
      offset += n;
      length -= n;
    }
  }

  public void move(int spaceId, int pageNo, int src, int dst, int length) {
    if (length > RedoRecordType.MAX_RUN) {
      // Overlapping long moves cannot be split safely; log the result as a write instead.
      throw new IllegalArgumentException("move longer than " + RedoRecordType.MAX_RUN);
    }
    head(RedoRecordType.MOVE, spaceId, pageNo, 6);
    u16(src);
    u16(dst);
    u16(length);
  }

  public void init(int spaceId, int pageNo, int pageType) {
    head(RedoRecordType.INIT, spaceId, pageNo, 2);
    u16(pageType);
  }

  public void image(int spaceId, int pageNo, byte[] page, int pageSize) {
    head(RedoRecordType.IMAGE, spaceId, pageNo, pageSize);
    System.arraycopy(page, 0, buf, len, pageSize);
    len += pageSize;
  }

  public void extension(int type, byte[] payload, int offset, int length) {
    if (type < RedoRecordType.FIRST_EXTENSION || type > RedoRecordType.LAST_EXTENSION) {
      throw new IllegalArgumentException("extension record type out of range: " + type);
    }
    ensure(5 + length);
    u8(type);
    u32(length);
    System.arraycopy(payload, offset, buf, len, length);
    len += length;
  }

  /** Exposes the collected bytes without copying. */
  public ByteBuffer view() {
    return ByteBuffer.wrap(buf, 0, len);
  }

  public static int u16At(ByteBuffer b, int pos) {
    return Short.toUnsignedInt(b.getShort(pos));
  }

  static ByteBuffer asBuffer(byte[] a) {
    return ByteBuffer.wrap(a);
  }
}
