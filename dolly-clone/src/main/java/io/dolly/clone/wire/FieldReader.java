package io.dolly.clone.wire;

import io.dolly.protocol.error.MysqlException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict little-endian reader for one clone message. Every read names the field it reads so that a
 * failure says what was wrong; every failure is {@code ER_CLONE_PROTOCOL} (3863), never an index or
 * charset exception.
 */
final class FieldReader {
  private final byte[] bytes;
  private final String message;
  private final int version;
  private int pos;

  private FieldReader(byte[] bytes, String message, int version) {
    this.bytes = bytes;
    this.message = message;
    this.version = version;
    this.pos = CloneProtocol.HEADER_BYTES;
  }

  /** Opens a message that must carry {@code code} and the current protocol version. */
  static FieldReader open(byte[] bytes, int code, String message) {
    FieldReader r = openAnyVersion(bytes, code, message);
    if (r.version != CloneProtocol.VERSION) {
      throw CloneProtocol.malformed(
          message
              + " has unknown protocol version "
              + r.version
              + ", expected "
              + CloneProtocol.VERSION);
    }
    return r;
  }

  /** Opens a message with any version ≥ 1 (INIT, where the donor negotiates down). */
  static FieldReader openAnyVersion(byte[] bytes, int code, String message) {
    if (bytes == null || bytes.length < CloneProtocol.HEADER_BYTES) {
      throw CloneProtocol.malformed(message + " shorter than its header");
    }
    int actual = bytes[0] & 0xff;
    if (actual != code) {
      throw CloneProtocol.malformed(message + " expected code " + code + " but got " + actual);
    }
    int v = (bytes[1] & 0xff) | (bytes[2] & 0xff) << 8;
    if (v == 0) {
      throw CloneProtocol.malformed(message + " has protocol version 0");
    }
    return new FieldReader(bytes, message, v);
  }

  int version() {
    return version;
  }

  private void need(int n, String field) {
    if (bytes.length - pos < n) {
      throw CloneProtocol.malformed(message + " truncated in " + field);
    }
  }

  int u8(String field) {
    need(1, field);
    return bytes[pos++] & 0xff;
  }

  int u16(String field) {
    need(2, field);
    int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8;
    pos += 2;
    return v;
  }

  long u32(String field) {
    need(4, field);
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      v = v << 8 | (bytes[pos + i] & 0xff);
    }
    pos += 4;
    return v;
  }

  /** A u32 that must lie in {@code [min, max]}. */
  int u32In(String field, long min, long max) {
    long v = u32(field);
    if (v < min || v > max) {
      throw CloneProtocol.malformed(
          message + " field " + field + "=" + v + " outside [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /** A u64 that must lie in {@code [min, max]} (both non-negative longs). */
  long u64In(String field, long min, long max) {
    need(8, field);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (bytes[pos + i] & 0xff);
    }
    pos += 8;
    if (v < min || v > max) {
      throw CloneProtocol.malformed(
          message
              + " field "
              + field
              + "="
              + Long.toUnsignedString(v)
              + " outside ["
              + min
              + ", "
              + max
              + "]");
    }
    return v;
  }

  boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw CloneProtocol.malformed(message + " field " + field + " is not a boolean: " + v);
    }
    return v == 1;
  }

  byte[] fixedBytes(int n, String field) {
    need(n, field);
    byte[] out = new byte[n];
    System.arraycopy(bytes, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** A {@code u16 length} + UTF-8 string of at most {@code maxBytes} bytes. */
  String string(String field, int maxBytes) {
    int len = u16(field + " length");
    if (len > maxBytes) {
      throw CloneProtocol.malformed(
          message + " field " + field + " is " + len + " bytes, more than " + maxBytes);
    }
    need(len, field);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, len))
              .toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw CloneProtocol.malformed(message + " field " + field + " is not valid UTF-8");
    }
  }

  /** Everything after the current position. */
  byte[] rest() {
    byte[] out = new byte[bytes.length - pos];
    System.arraycopy(bytes, pos, out, 0, out.length);
    pos = bytes.length;
    return out;
  }

  int remaining() {
    return bytes.length - pos;
  }

  /** Fails when bytes follow the last field. */
  void end() {
    if (pos != bytes.length) {
      throw CloneProtocol.malformed(
          message + " has " + (bytes.length - pos) + " unexpected trailing bytes");
    }
  }

  /** A 3863 error for a field that parsed but makes no sense, prefixed with the message name. */
  MysqlException invalid(String what) {
    return CloneProtocol.malformed(message + " " + what);
  }
}
