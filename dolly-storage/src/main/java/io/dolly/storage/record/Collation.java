package io.dolly.storage.record;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * How strings of a column compare. {@link #sortKey} maps a string to bytes whose unsigned order is
 * the collation's order, and equal sort keys mean equal strings for a unique index; {@link
 * #compare} and {@link #equals(String, String)} agree with it.
 *
 * <p>{@link #UTF8MB4_0900_AI_CI} compares primary weights only, NO PAD, like MySQL 8's default:
 * each character is decomposed (NFD), combining marks are dropped, case is folded, and a few
 * letters expand ({@code ß → ss}, {@code æ → ae}, {@code œ → oe}, {@code þ → th}) or map to their
 * base letter ({@code ø → o}, {@code đ ð → d}, {@code ł → l}, {@code ı → i}). Weights put
 * whitespace, punctuation and symbols (ordered among themselves by code point) before digits (by
 * value, in any script) before letters (by folded code point). Limits: this is exact for Latin
 * text; other scripts order by code point rather than by the UCA tables, contractions and
 * language-specific tailorings are not applied, and ignorable characters are not ignored.
 *
 * <p>{@link #UTF8MB4_BIN} and {@link #BINARY} order by bytes (for UTF-8, by code point) and are NO
 * PAD here, whereas MySQL's utf8mb4_bin ignores trailing spaces (PAD SPACE); the SQL layer trims
 * trailing spaces of CHAR values as MySQL does.
 */
public enum Collation {
  BINARY(63, "binary"),
  UTF8MB4_BIN(46, "utf8mb4_bin"),
  UTF8MB4_0900_AI_CI(255, "utf8mb4_0900_ai_ci");

  /** Weight classes, in the top bits of a 3-byte weight. */
  private static final int CLASS_SYMBOL = 1;

  private static final int CLASS_DIGIT = 2;
  private static final int CLASS_LETTER = 3;
  private static final int CLASS_SHIFT = 21;

  private final int id;
  private final String mysqlName;

  Collation(int id, String mysqlName) {
    this.id = id;
    this.mysqlName = mysqlName;
  }

  /** The collation id MySQL sends in column definitions. */
  public int id() {
    return id;
  }

  public String mysqlName() {
    return mysqlName;
  }

  public static Collation byName(String name) {
    for (Collation c : values()) {
      if (c.mysqlName.equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown collation: '" + name + "'");
  }

  /** Bytes whose unsigned lexicographic order is this collation's order of strings. */
  public byte[] sortKey(String s) {
    if (this != UTF8MB4_0900_AI_CI) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[3 * s.length() + 16];
    int n = 0;
    String text = isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFD);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      String expansion = expansion(cp);
      if (expansion != null) {
        for (int j = 0; j < expansion.length(); j++) {
          if (n + 3 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          n = putWeight(out, n, weight(expansion.charAt(j)));
        }
        continue;
      }
      if (n + 3 > out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      n = putWeight(out, n, weight(cp));
    }
    return Arrays.copyOf(out, n);
  }

  public int compare(String a, String b) {
    if (this != UTF8MB4_0900_AI_CI) {
      return compareCodePoints(a, b);
    }
    return Arrays.compareUnsigned(sortKey(a), sortKey(b));
  }

  /** Equality as a unique index sees it ('a' = 'A' = 'á' under ai_ci). */
  public boolean equals(String a, String b) {
    return compare(a, b) == 0;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String expansion(int cp) {
    return switch (cp) {
      case 'ß', 'ẞ' -> "ss";
      case 'æ', 'Æ' -> "ae";
      case 'œ', 'Œ' -> "oe";
      case 'þ', 'Þ' -> "th";
      case 'ĳ', 'Ĳ' -> "ij";
      case 'ø', 'Ø' -> "o";
      case 'đ', 'Đ', 'ð', 'Ð' -> "d";
      case 'ł', 'Ł' -> "l";
      case 'ı' -> "i";
      case 'ħ', 'Ħ' -> "h";
      default -> null;
    };
  }

  private static int weight(int cp) {
    if (Character.isLetter(cp)) {
      return (CLASS_LETTER << CLASS_SHIFT) | Character.toLowerCase(Character.toUpperCase(cp));
    }
    int digit = Character.digit(cp, 10);
    if (digit >= 0) {
      return (CLASS_DIGIT << CLASS_SHIFT) | digit;
    }
    return (CLASS_SYMBOL << CLASS_SHIFT) | cp;
  }

  private static int putWeight(byte[] out, int n, int w) {
    out[n] = (byte) (w >>> 16);
    out[n + 1] = (byte) (w >>> 8);
    out[n + 2] = (byte) w;
    return n + 3;
  }
}
