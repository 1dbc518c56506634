package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mariadb-dump --single-transaction --routines --triggers} of a database with every column
 * type Dolly has, NULLs, quotes, backslashes, control and binary bytes, UTF-8, long values,
 * secondary and unique indexes and AUTO_INCREMENT runs without errors, and {@code mariadb db2 <
 * dump.sql} rebuilds it: every table's CHECKSUM TABLE, SHOW CREATE TABLE and AUTO_INCREMENT are the
 * same, and a dump of the copy equals the dump of the original. The rows are random (seeded, the
 * seed printed; replay with {@code -Ddump.seed=<seed>}).
 */
class DumpRoundTripAcceptanceTest {
  private static final int RANDOM_ROWS = 400;
  private static final String ALPHABET_CHARS = "abcXYZ 019'\"\\\n\r\t\0\u001a%_ü漢";
  private static final String[] ALPHABET =
      ALPHABET_CHARS.codePoints().mapToObj(Character::toString).toArray(String[]::new);

  @TempDir Path dir;

  @Test
  void dumpOfEveryTypeReloadsWithTheSameChecksums() throws Exception {
    Cli.require("mariadb-dump");
    long seed = Long.getLong("dump.seed", System.nanoTime());
    System.out.println("DumpRoundTripAcceptanceTest seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"))) {
      List<String> tables = fill(server, random);

      Path dump = dir.resolve("shop.sql");
      Cli.Result dumped = dump(server, "shop", dump);
      assertThat(dumped.exitCode()).as("seed=%d: %s", seed, dumped.stderr()).isZero();
      assertThat(dumped.stderr()).isEmpty();
      String text = Files.readString(dump, StandardCharsets.ISO_8859_1);
      assertThat(text).contains("LOCK TABLES `every_type` WRITE", "DISABLE KEYS */;");

      try (Connection c = server.root();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE shop2");
      }
      Cli.Result loaded =
          Cli.runWithFiles(mariadbCommand(server, "shop2"), dump, dir.resolve("load.out"), 300);
      assertThat(loaded.exitCode()).as("seed=%d: %s", seed, loaded.stderr()).isZero();

      try (Connection c = server.root();
          Statement s = c.createStatement()) {
        for (String t : tables) {
          assertThat(checksum(s, "shop2." + t))
              .as("seed=%d CHECKSUM TABLE %s", seed, t)
              .isEqualTo(checksum(s, "shop." + t));
          assertThat(showCreate(s, "shop2." + t)).isEqualTo(showCreate(s, "shop." + t));
          assertThat(autoIncrement(s, "shop2", t)).isEqualTo(autoIncrement(s, "shop", t));
          assertThat(rowCount(s, "shop2." + t)).isEqualTo(rowCount(s, "shop." + t));
        }
      }

      Path again = dir.resolve("shop2.sql");
      assertThat(dump(server, "shop2", again).exitCode()).isZero();
      assertThat(body(again)).isEqualTo(body(dump));
    }
  }

  private static List<String> mariadbCommand(ServerProcess server, String database) {
    return List.of("mariadb", "-h127.0.0.1", "-P" + server.port(), "-uroot", "--ssl=0", database);
  }

  private static Cli.Result dump(ServerProcess server, String database, Path out) throws Exception {
    return Cli.runWithFiles(
        List.of(
            "mariadb-dump",
            "-h127.0.0.1",
            "-P" + server.port(),
            "-uroot",
            "--ssl=0",
            "--single-transaction",
            "--routines",
            "--triggers",
            database),
        null,
        out,
        300);
  }

  /** The dump without the lines that name the database or the time. */
  private static List<String> body(Path dump) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dump, StandardCharsets.ISO_8859_1)) {
      if (!line.startsWith("-- Host:")
          && !line.startsWith("-- Dump completed")
          && !line.startsWith("-- Dumping routines")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String checksum(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + table)) {
      rs.next();
      return rs.getString(2);
    }
  }

  private static String showCreate(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table)) {
      rs.next();
      return rs.getString(2);
    }
  }

  private static long rowCount(Statement s, String table) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String autoIncrement(Statement s, String schema, String table) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + schema
                + "' AND TABLE_NAME = '"
                + table.replace("`", "")
                + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  // ---- the data

  /** Creates database shop and its tables with rows; returns the table names as SQL names. */
  private static List<String> fill(ServerProcess server, SplittableRandom random) throws Exception {
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE shop");
      s.execute("USE shop");
      s.execute(
          "CREATE TABLE every_type ("
              + " id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
              + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, i INT,"
              + " bi BIGINT, biu BIGINT UNSIGNED, b BOOLEAN, bt BIT(8),"
              + " de DECIMAL(12,4), fl FLOAT, db DOUBLE,"
              + " ch CHAR(10), vc VARCHAR(100) NOT NULL DEFAULT 'x', tx TEXT, ttx TINYTEXT,"
              + " mtx MEDIUMTEXT, ltx LONGTEXT,"
              + " bn BINARY(4), vb VARBINARY(50), bl BLOB, tbl TINYBLOB, mbl MEDIUMBLOB,"
              + " lbl LONGBLOB,"
              + " dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP NULL DEFAULT NULL, yr YEAR,"
              + " en ENUM('a','b','it''s'), st SET('x','y','z'), js JSON,"
              + " UNIQUE KEY uk_vc (vc), KEY k_bi (bi), KEY k_multi (si, ch)"
              + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
      s.execute(
          "INSERT INTO every_type VALUES (NULL, -128, 255, -32768, 8388607, -2147483648,"
              + " -9223372036854775808, 18446744073709551615, TRUE, b'10101010', '-99999999.9999', -1.5e-7,"
              + " -2.25e100, 'ab''\\\\', 'quote''s \\\\back\\\\slash', 'l1\\nl2\\ttab\\r\\0nul\\Z',"
              + " 'tiny', 'medium', 'ünïcödé 漢字 😀', X'00FF0A27', X'5C27220D0A00', X'DEADBEEF',"
              + " X'', X'00', X'0102', '1000-01-01', '-838:59:59.000', '9999-12-31 23:59:59.999999',"
              + " '2038-01-19 03:14:07', 2155, 'it''s', 'x,z', '{\"a\": [1, \"b\\\\\"c\"]}')");
      s.execute("INSERT INTO every_type (vc) VALUES ('only defaults')");
      s.execute("INSERT INTO every_type (vc, ch, tx, bl) VALUES ('empty strings', '', '', X'')");
      insertRandomRows(c, random);
      // AUTO_INCREMENT above the largest id, as after deleted rows.
      try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM every_type")) {
        rs.next();
        s.execute("DELETE FROM every_type WHERE id = " + rs.getLong(1));
      }

      s.execute("CREATE TABLE no_pk (a INT, b VARCHAR(20), KEY (a))");
      s.execute("INSERT INTO no_pk VALUES (1, 'a'), (1, 'a'), (NULL, NULL), (2, 'it''s')");
      s.execute("CREATE TABLE empty_one (x INT PRIMARY KEY, y DOUBLE NOT NULL)");
      s.execute(
          "CREATE TABLE `order` (`select` INT NOT NULL, `from` VARCHAR(30) NOT NULL DEFAULT '',"
              + " PRIMARY KEY (`select`, `from`), UNIQUE KEY `where` (`from`))");
      s.execute("INSERT INTO `order` VALUES (1, 'x'), (2, 'y`z'), (3, '')");
    }
    return List.of("every_type", "no_pk", "empty_one", "`order`");
  }

  private static void insertRandomRows(Connection c, SplittableRandom r) throws Exception {
    Map<String, Integer> columns = new LinkedHashMap<>();
    String[] names = {
      "ti", "tiu", "si", "mi", "i", "bi", "biu", "b", "bt", "de", "fl", "db", "ch", "vc", "tx",
      "ttx", "mtx", "ltx", "bn", "vb", "bl", "tbl", "mbl", "lbl", "dt", "tm", "dtm", "ts", "yr",
      "en", "st", "js"
    };
    for (String n : names) {
      columns.put(n, columns.size() + 1);
    }
    String sql =
        "INSERT INTO every_type ("
            + String.join(", ", names)
            + ") VALUES ("
            + "?, ".repeat(names.length - 1)
            + "?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int row = 0; row < RANDOM_ROWS; row++) {
        for (String n : names) {
          int p = columns.get(n);
          if (!n.equals("vc") && r.nextInt(6) == 0) {
            ps.setNull(p, Types.NULL);
            continue;
          }
          switch (n) {
            case "ti" -> ps.setLong(p, r.nextInt(-128, 128));
            case "tiu" -> ps.setLong(p, r.nextInt(0, 256));
            case "si" -> ps.setLong(p, r.nextInt(-32768, 32768));
            case "mi" -> ps.setLong(p, r.nextInt(-8388608, 8388608));
            case "i" -> ps.setLong(p, r.nextInt());
            case "bi" -> ps.setLong(p, r.nextLong());
            case "biu" -> ps.setBigDecimal(p, new BigDecimal(new BigInteger(64, random(r))));
            case "b" -> ps.setBoolean(p, r.nextBoolean());
            case "bt" -> ps.setLong(p, r.nextInt(256));
            case "de" ->
                ps.setBigDecimal(
                    p, BigDecimal.valueOf(r.nextLong(-999_999_999_999L, 1_000_000_000_000L), 4));
            case "fl" ->
                ps.setFloat(p, (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-6, 7))));
            case "db" -> ps.setDouble(p, r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-300, 300)));
            case "ch" -> ps.setString(p, text(r, 10).stripTrailing());
            case "vc" -> ps.setString(p, "row " + row + " " + text(r, 80));
            case "tx" -> ps.setString(p, text(r, r.nextInt(10) == 0 ? 16_000 : 300));
            case "ttx" -> ps.setString(p, text(r, 60));
            case "mtx", "ltx" -> ps.setString(p, text(r, r.nextInt(20) == 0 ? 60_000 : 100));
            case "bn" -> ps.setBytes(p, bytes(r, 4, 4));
            case "vb" -> ps.setBytes(p, bytes(r, 0, 50));
            case "bl" -> ps.setBytes(p, bytes(r, 0, r.nextInt(10) == 0 ? 65_535 : 500));
            case "tbl" -> ps.setBytes(p, bytes(r, 0, 255));
            case "mbl", "lbl" -> ps.setBytes(p, bytes(r, 0, r.nextInt(20) == 0 ? 200_000 : 100));
            case "dt" ->
                ps.setString(
                    p,
                    String.format(
                        "%04d-%02d-%02d",
                        r.nextInt(1000, 10000), r.nextInt(1, 13), r.nextInt(1, 29)));
            case "tm" ->
                ps.setString(
                    p,
                    String.format(
                        "%s%d:%02d:%02d.%03d",
                        r.nextBoolean() ? "-" : "",
                        r.nextInt(0, 839),
                        r.nextInt(60),
                        r.nextInt(60),
                        r.nextInt(1000)));
            case "dtm" ->
                ps.setString(
                    p, dateTime(r, 1000, 10000) + String.format(".%06d", r.nextInt(1_000_000)));
            case "ts" -> ps.setString(p, dateTime(r, 1971, 2038));
            case "yr" -> ps.setLong(p, r.nextInt(1901, 2156));
            case "en" -> ps.setString(p, List.of("a", "b", "it's").get(r.nextInt(3)));
            case "st" -> ps.setString(p, List.of("", "x", "y,z", "x,y,z").get(r.nextInt(4)));
            case "js" ->
                ps.setString(
                    p,
                    "{\"k\": "
                        + r.nextInt()
                        + ", \"s\": \""
                        + text(r, 10).replaceAll("[\"\\\\\\p{Cntrl}]", "")
                        + "\"}");
            default -> throw new IllegalStateException(n);
          }
        }
        ps.executeUpdate();
      }
    }
  }

  private static java.util.Random random(SplittableRandom r) {
    return new java.util.Random(r.nextLong());
  }

  /** A valid DATETIME text with the year in [from, to). */
  private static String dateTime(SplittableRandom r, int from, int to) {
    return String.format(
        "%04d-%02d-%02d %02d:%02d:%02d",
        r.nextInt(from, to),
        r.nextInt(1, 13),
        r.nextInt(1, 29),
        r.nextInt(24),
        r.nextInt(60),
        r.nextInt(60));
  }

  /** Up to {@code max} characters, quotes, backslashes, control characters and UTF-8 among them. */
  private static String text(SplittableRandom r, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  private static byte[] bytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[r.nextInt(min, max + 1)];
    r.nextBytes(b);
    return b;
  }
}
