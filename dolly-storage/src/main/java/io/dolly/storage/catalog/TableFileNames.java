package io.dolly.storage.catalog;

/**
 * Schema and table names as file names, like MySQL's: letters, digits, '_' and '$' stay, every
 * other character becomes '@' and four hex digits of its UTF-16 code unit ("a-b" is "a@002db"), so
 * a name never contains '/', never starts with '.' or '#' and never collides with another.
 */
final class TableFileNames {
  private TableFileNames() {}

  static String encode(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '$') {
        b.append(c);
      } else {
        b.append('@').append(String.format("%04x", (int) c));
      }
    }
    return b.toString();
  }
}
