package io.dolly.clone.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian writer for one clone message; starts with the common header. */
final class FieldWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

  FieldWriter(int code) {
    this(code, CloneProtocol.VERSION);
  }

  FieldWriter(int code, int version) {
    u8(code);
    u16(version);
  }

  FieldWriter u8(int v) {
    out.write(v);
    return this;
  }

  FieldWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  FieldWriter u16(int v) {
    out.write(v);
    out.write(v >>> 8);
    return this;
  }

  FieldWriter u32(long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  FieldWriter u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  FieldWriter bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  /** {@code u16 length} + UTF-8; the record constructors have already checked the length. */
  FieldWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u16(b.length);
    out.writeBytes(b);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
