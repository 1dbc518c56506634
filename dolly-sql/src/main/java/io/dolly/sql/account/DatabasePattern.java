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
    return Wildcards.like(pattern, name);
  }
}
