package io.dolly.sql.exec;

import java.math.BigDecimal;

/** MySQL's conversions between numbers and text: leading-prefix parsing and double printing. */
final class NumericText {
  private NumericText() {}

  /** The longest numeric prefix of s as MySQL reads a string in numeric context; 0 if none. */
  static double parseDouble(String s) {
    String p = prefix(s, true);
    if (p.isEmpty()) {
      return 0;
    }
    try {
      return Double.parseDouble(p);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long parseLong(String s) {
    String p = prefix(s, false);
    if (p.isEmpty() || p.equals("-") || p.equals("+")) {
      return 0;
    }
    try {
      return Long.parseLong(p);
    } catch (NumberFormatException e) {
      return p.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * A select-list position written as an integer literal (ORDER BY 2, GROUP BY 1); 0 for one too
   * large to be a position, which the caller reports as an unknown column, as MySQL does.
   */
  static int position(String integerLiteral) {
    try {
      return Integer.parseInt(integerLiteral);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** True when the whole of s (trimmed) is a number, so no truncation warning is due. */
  static boolean isWholeNumber(String s) {
    String t = s.trim();
    return !t.isEmpty() && prefix(t, true).length() == t.length();
  }

  private static String prefix(String s, boolean fractional) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (fractional && i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return "";
    }
    if (fractional && i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int e = i + 1;
      if (e < n && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
        e++;
      }
      if (e < n && Character.isDigit(s.charAt(e))) {
        while (e < n && Character.isDigit(s.charAt(e))) {
          e++;
        }
        i = e;
      }
    }
    return s.substring(start, i);
  }

  /**
   * A double as MySQL prints it: the shortest text that reads back the same, without a trailing
   * {@code .0}, in plain notation for exponents from -15 to 14 and as {@code 1.5e20} beyond.
   */
  static String formatDouble(double d) {
    if (d == 0) {
      return "0";
    }
    String shortest = Double.toString(d);
    BigDecimal b = new BigDecimal(shortest).stripTrailingZeros();
    int exponent = b.precision() - b.scale() - 1;
    if (exponent >= -15 && exponent < 15) {
      return b.toPlainString();
    }
    String mantissa = b.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + "e" + exponent;
  }
}
