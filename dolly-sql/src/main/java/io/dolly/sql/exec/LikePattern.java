package io.dolly.sql.exec;

/**
 * SQL LIKE matching: {@code %} any run, {@code _} one character, an escape character making the
 * next one literal. Iterative with backtracking to the last {@code %}, so no regular expressions
 * and no exponential blow-up.
 */
final class LikePattern {
  private LikePattern() {}

  static boolean matches(String pattern, char escape, String s, boolean ignoreCase) {
    int p = 0;
    int i = 0;
    int starP = -1;
    int starI = -1;
    while (i < s.length()) {
      if (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == escape && p + 1 < pattern.length()) {
          if (same(pattern.charAt(p + 1), s.charAt(i), ignoreCase)) {
            p += 2;
            i++;
            continue;
          }
        } else if (c == '%') {
          starP = p++;
          starI = i;
          continue;
        } else if (c == '_' || same(c, s.charAt(i), ignoreCase)) {
          p++;
          i++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP + 1;
      i = ++starI;
    }
    while (p < pattern.length() && pattern.charAt(p) == '%') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toUpperCase(a) == Character.toUpperCase(b));
  }
}
