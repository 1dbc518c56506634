package io.dolly.protocol.packet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Collation ids as they appear in the handshake and column definitions, for the common collations
 * (MySQL 8.0 numbering), with their character set and Java charset.
 */
public final class Collations {
  public static final int LATIN1_SWEDISH_CI = 8;
  public static final int UTF8MB3_GENERAL_CI = 33;
  public static final int UTF8MB4_GENERAL_CI = 45;
  public static final int UTF8MB4_BIN = 46;
  public static final int LATIN1_BIN = 47;
  public static final int BINARY = 63;
  public static final int UTF8MB3_BIN = 83;
  public static final int UTF8MB4_UNICODE_CI = 224;
  public static final int UTF8MB4_0900_AI_CI = 255;
  public static final int UTF8MB4_0900_AS_CS = 278;
  public static final int UTF8MB4_0900_BIN = 309;

  /** One collation: id, name, character set name, and the Java charset used to encode text. */
  public record Collation(int id, String name, String charsetName, Charset charset) {}

  private static final Charset LATIN1 = Charset.forName("windows-1252");
  private static final List<Collation> KNOWN =
      List.of(
          new Collation(1, "big5_chinese_ci", "big5", Charset.forName("Big5")),
          new Collation(LATIN1_SWEDISH_CI, "latin1_swedish_ci", "latin1", LATIN1),
          new Collation(11, "ascii_general_ci", "ascii", StandardCharsets.US_ASCII),
          new Collation(28, "gbk_chinese_ci", "gbk", Charset.forName("GBK")),
          new Collation(
              UTF8MB3_GENERAL_CI, "utf8mb3_general_ci", "utf8mb3", StandardCharsets.UTF_8),
          new Collation(
              UTF8MB4_GENERAL_CI, "utf8mb4_general_ci", "utf8mb4", StandardCharsets.UTF_8),
          new Collation(UTF8MB4_BIN, "utf8mb4_bin", "utf8mb4", StandardCharsets.UTF_8),
          new Collation(LATIN1_BIN, "latin1_bin", "latin1", LATIN1),
          new Collation(48, "latin1_general_ci", "latin1", LATIN1),
          new Collation(BINARY, "binary", "binary", StandardCharsets.ISO_8859_1),
          new Collation(65, "ascii_bin", "ascii", StandardCharsets.US_ASCII),
          new Collation(UTF8MB3_BIN, "utf8mb3_bin", "utf8mb3", StandardCharsets.UTF_8),
          new Collation(
              UTF8MB4_UNICODE_CI, "utf8mb4_unicode_ci", "utf8mb4", StandardCharsets.UTF_8),
          new Collation(
              UTF8MB4_0900_AI_CI, "utf8mb4_0900_ai_ci", "utf8mb4", StandardCharsets.UTF_8),
          new Collation(
              UTF8MB4_0900_AS_CS, "utf8mb4_0900_as_cs", "utf8mb4", StandardCharsets.UTF_8),
          new Collation(UTF8MB4_0900_BIN, "utf8mb4_0900_bin", "utf8mb4", StandardCharsets.UTF_8));

  private Collations() {}

  public static Optional<Collation> byId(int id) {
    return KNOWN.stream().filter(c -> c.id() == id).findFirst();
  }

  /** By collation name, case-insensitive; {@code utf8_*} is read as {@code utf8mb3_*}. */
  public static Optional<Collation> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String normalized = n.startsWith("utf8_") ? "utf8mb3_" + n.substring(5) : n;
    return KNOWN.stream().filter(c -> c.name().equals(normalized)).findFirst();
  }

  /** The default collation of a character set, as in MySQL 8.0. */
  public static Optional<Collation> defaultFor(String charsetName) {
    String cs = charsetName.toLowerCase(Locale.ROOT);
    String name =
        switch (cs) {
          case "utf8mb4" -> "utf8mb4_0900_ai_ci";
          case "utf8", "utf8mb3" -> "utf8mb3_general_ci";
          case "latin1" -> "latin1_swedish_ci";
          case "binary" -> "binary";
          case "ascii" -> "ascii_general_ci";
          case "gbk" -> "gbk_chinese_ci";
          case "big5" -> "big5_chinese_ci";
          default -> null;
        };
    return name == null ? Optional.empty() : byName(name);
  }

  /** The Java charset for a collation id; UTF-8 when unknown. */
  public static Charset charsetOf(int id) {
    return byId(id).map(Collation::charset).orElse(StandardCharsets.UTF_8);
  }
}
