package io.dolly.sql.account;

/**
 * A database name in a grant ({@code GRANT ... ON `app\_%`.*}), which as in MySQL may hold the
 * wildcards {@code %} (any run) and {@code _} (one character); a backslash makes the next character
 * literal. A grant on the exact name wins over patterns; among patterns the one with the longest
 * literal prefix, as MySQL sorts its database grants.
 */
final class DatabasePattern {
  private DatabasePattern() {}

  static boolean isPattern(String pattern) {
    return pattern.indexOf('%') >= 0 || pattern.indexOf('_') >= 0;
  }

  /** Characters before the first unescaped wildcard: larger is more specific. */
  static int literalPrefix(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        i++;
      } else if (c == '%' || c == '_') {
        return n;
      }
      n++;
    }
    return n;
  }

  static boolean matches(String pattern, String name) {
    return matches(pattern, 0, name, 0);
  }

  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '%') {
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi + 1, s, k)) {
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
