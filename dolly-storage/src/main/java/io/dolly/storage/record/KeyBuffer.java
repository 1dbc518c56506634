package io.dolly.storage.record;

import java.util.Arrays;

/** A growable byte buffer for building keys and rows. */
final class KeyBuffer {
  private byte[] buf;
  private int size;

  KeyBuffer(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  void put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  void putBigEndian(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[size + i] = (byte) v;
      v >>>= 8;
    }
    size += width;
  }

  /** Writes bytes with 0x00 escaped as 0x00 0xFF and the terminator 0x00 0x00. */
  void putEscaped(byte[] b) {
    int zeros = 0;
    for (byte x : b) {
      if (x == 0) {
        zeros++;
      }
    }
    // Every 0x00 takes two bytes: room for all of them before writing any.
    ensure(b.length + zeros + 2);
    for (byte x : b) {
      if (x == 0) {
        buf[size++] = 0;
        buf[size++] = (byte) 0xFF;
      } else {
        buf[size++] = x;
      }
    }
    buf[size++] = 0;
    buf[size++] = 0;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
