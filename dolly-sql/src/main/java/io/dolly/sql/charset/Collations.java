package io.dolly.sql.charset;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The character sets and collations Dolly knows, with MySQL 8.0's numbers. */
public final class Collations {
  public static final Collation UTF8MB4_0900_AI_CI =
      new Collation(255, "utf8mb4_0900_ai_ci", "utf8mb4", true, 4);
  public static final Collation BINARY = new Collation(63, "binary", "binary", true, 1);
  public static final Collation UTF8MB3_GENERAL_CI =
      new Collation(33, "utf8mb3_general_ci", "utf8mb3", true, 3);

  public static final List<Collation> ALL =
      List.of(
          new Collation(8, "latin1_swedish_ci", "latin1", true, 1),
          new Collation(11, "ascii_general_ci", "ascii", true, 1),
          UTF8MB3_GENERAL_CI,
          new Collation(45, "utf8mb4_general_ci", "utf8mb4", false, 4),
          new Collation(46, "utf8mb4_bin", "utf8mb4", false, 4),
          new Collation(47, "latin1_bin", "latin1", false, 1),
          BINARY,
          new Collation(65, "ascii_bin", "ascii", false, 1),
          new Collation(76, "utf8mb3_tolower_ci", "utf8mb3", false, 3),
          new Collation(83, "utf8mb3_bin", "utf8mb3", false, 3),
          new Collation(192, "utf8mb3_unicode_ci", "utf8mb3", false, 3),
          new Collation(224, "utf8mb4_unicode_ci", "utf8mb4", false, 4),
          UTF8MB4_0900_AI_CI,
          new Collation(278, "utf8mb4_0900_as_cs", "utf8mb4", false, 4),
          new Collation(309, "utf8mb4_0900_bin", "utf8mb4", false, 4));

  private Collations() {}

  /** MySQL 8.0 treats {@code utf8} as an alias of {@code utf8mb3}. */
  public static String canonicalCharset(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("utf8") ? "utf8mb3" : n;
  }

  public static Optional<Collation> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("utf8_", "utf8mb3_");
    return ALL.stream().filter(c -> c.name().equals(n)).findFirst();
  }

  public static Optional<Collation> byId(int id) {
    return ALL.stream().filter(c -> c.id() == id).findFirst();
  }

  /** The default collation of a character set; 1115 for an unknown one. */
  public static Collation defaultOf(String charset) {
    String cs = canonicalCharset(charset);
    return ALL.stream()
        .filter(c -> c.charset().equals(cs) && c.isDefault())
        .findFirst()
        .orElseThrow(() -> new MysqlException(ErrorCode.ER_UNKNOWN_CHARACTER_SET, charset));
  }

  /** A named collation; 1273 for an unknown one. */
  public static Collation require(String name) {
    return byName(name).orElseThrow(() -> new MysqlException(ErrorCode.ER_UNKNOWN_COLLATION, name));
  }

  public static boolean isCharset(String name) {
    String cs = canonicalCharset(name);
    return ALL.stream().anyMatch(c -> c.charset().equals(cs));
  }
}
