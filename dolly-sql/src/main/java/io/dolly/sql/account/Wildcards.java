package io.dolly.sql.account;

/**
 * SQL LIKE as account names use it (host patterns, database grants): {@code %} any run, {@code _}
 * one character, a backslash makes the next character literal.
 */
final class Wildcards {
  private Wildcards() {}

  static boolean like(String pattern, String s) {
    return like(pattern, 0, s, 0);
  }

  private static boolean like(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '%') {
        for (int k = si; k <= s.length(); k++) {
          if (like(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (c == '\\' && pi + 1 < p.length()) {
        c = p.charAt(++pi);
      } else if (c == '_') {
        if (si >= s.length()) {
          return false;
        }
        pi++;
        si++;
        continue;
      }
      if (si >= s.length() || c != s.charAt(si)) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
