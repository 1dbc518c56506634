package io.dolly.sql.charset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 statement text that keeps the bytes which are not UTF-8. A client may put any byte into a
 * string literal (mariadb-dump writes BLOB values as raw bytes between quotes); MySQL stores such a
 * literal in a binary column byte for byte. Decoding maps every byte of an invalid sequence to a
 * lone low surrogate {@code U+DC80..U+DCFF} (which valid UTF-8 never produces, the scheme of
 * Python's "surrogateescape"), and encoding maps those back, so that bytes survive the trip through
 * a Java string.
 */
public final class RawUtf8 {
  private static final char ESCAPE_BASE = 0xDC00;

  private RawUtf8() {}

  /** The text of {@code length} bytes from {@code offset}. */
  public static String decode(byte[] bytes, int offset, int length) {
    String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') < 0) {
      return s; // Valid UTF-8 (the usual case): one pass.
    }
    StringBuilder out = new StringBuilder(length);
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int n = sequenceLength(bytes, i, end);
      if (n == 0) {
        out.append((char) (ESCAPE_BASE | (bytes[i] & 0xFF)));
        i++;
      } else {
        out.append(new String(bytes, i, n, StandardCharsets.UTF_8));
        i += n;
      }
    }
    return out.toString();
  }

  /** UTF-8 bytes of {@code s}, with escaped bytes restored. */
  public static byte[] encode(String s) {
    if (!hasEscapes(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isEscape(s, i)) {
        out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(c & 0xFF);
        start = i + 1;
      }
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static boolean hasEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        return true;
      }
    }
    return false;
  }

  /** A low surrogate in the escape range that is not the second half of a pair. */
  private static boolean isEscape(String s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 when it is not one. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    int n;
    int min;
    if (lead < 0x80) {
      return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 3;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    int cp = lead & (0xFF >> (n + 1));
    for (int k = 1; k < n; k++) {
      int c = b[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return 0;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    return cp < min || cp > 0x10FFFF || surrogate ? 0 : n;
  }
}
