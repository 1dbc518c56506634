package io.dolly.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random SQL over the fuzz schema (tables t0, t1, t2 of {@link #SCHEMA}): valid DDL, DML, queries
 * and transaction control with values of every type, NULLs, extremes and long strings, and the same
 * statements mutated into invalid ones (truncated, tokens swapped or repeated, garbage bytes, huge
 * numbers, unbalanced quotes and comments). Everything it draws comes from the given random, so a
 * seed replays a run.
 */
final class RandomSql {
  /** The fuzz tables; every statement below refers to these columns. */
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE t0 (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, b VARCHAR(50),"
              + " c DECIMAL(10,2), d DATETIME, e BLOB, UNIQUE KEY ub (b), KEY ka (a))",
          "CREATE TABLE t1 (k BIGINT NOT NULL PRIMARY KEY, v DOUBLE, s CHAR(20) NOT NULL DEFAULT '',"
              + " t TEXT, u TINYINT UNSIGNED, KEY kvs (v, s))",
          "CREATE TABLE t2 (x INT, y VARCHAR(255), z DATE, w VARBINARY(20), UNIQUE KEY ux (x),"
              + " KEY ky (y(10)))");

  static final List<String> TABLES = List.of("t0", "t1", "t2");

  private static final String[][] COLUMNS = {
    {"id", "a", "b", "c", "d", "e"},
    {"k", "v", "s", "t", "u"},
    {"x", "y", "z", "w"}
  };

  /** Column types, parallel to COLUMNS: i integer, u unsigned, s string, n decimal, d date... */
  private static final String[][] KINDS = {
    {"i", "i", "s", "n", "t", "b"},
    {"i", "f", "s", "s", "u"},
    {"i", "s", "d", "b"}
  };

  private static final String[] GARBAGE = {
    "'",
    "\"",
    "`",
    "/*",
    "*/",
    "(",
    ")",
    ",",
    ";",
    "--",
    "#",
    "\\",
    "@",
    "@@",
    "?",
    ":=",
    "NULL",
    "SELECT",
    "FROM",
    "WHERE",
    "AND",
    "OR",
    "NOT",
    "LIKE",
    "IN",
    "BETWEEN",
    "ORDER BY",
    "LIMIT",
    "GROUP BY",
    "HAVING",
    "JOIN",
    "ON",
    "UNION",
    "VALUES",
    "SET",
    "INTO",
    "1e999999",
    "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
    "-",
    "+",
    "*",
    "/",
    "%",
    "=",
    "<=>",
    "!",
    "~",
    "^",
    "|",
    "&",
    "<<",
    ">>",
    "0x",
    "X'4",
    "b'2'",
    "_utf8mb4",
    "COLLATE",
    "CAST(",
    "AS",
    "CHAR",
    "INTERVAL",
    "DAY",
    "/*!",
    "/*!99999",
    "*/ *",
    "\0",
    "'\\'"
  };

  private final SplittableRandom r;
  private int savepoints;

  RandomSql(SplittableRandom random) {
    this.r = random;
  }

  /** One statement as the bytes to send: valid about two times in three. */
  byte[] next() {
    String valid = valid();
    if (r.nextInt(3) != 0) {
      return valid.getBytes(StandardCharsets.UTF_8);
    }
    return mutate(valid);
  }

  String valid() {
    int p = r.nextInt(100);
    if (p < 22) {
      return insert();
    } else if (p < 32) {
      return update();
    } else if (p < 40) {
      return delete();
    } else if (p < 62) {
      return select();
    } else if (p < 78) {
      return transaction();
    } else if (p < 86) {
      return ddl();
    } else if (p < 90) {
      return "SET autocommit = " + r.nextInt(2);
    } else if (p < 94) {
      return "SELECT " + expression(r.nextInt(3), null);
    } else {
      return maintenance();
    }
  }

  private int table() {
    return r.nextInt(TABLES.size());
  }

  private String column(int t) {
    return COLUMNS[t][r.nextInt(COLUMNS[t].length)];
  }

  private String insert() {
    int t = table();
    List<String> cols = new ArrayList<>();
    for (int i = 0; i < COLUMNS[t].length; i++) {
      if (r.nextInt(4) != 0) {
        cols.add(COLUMNS[t][i]);
      }
    }
    if (cols.isEmpty()) {
      cols.add(column(t));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(r.nextInt(6) == 0 ? "REPLACE" : r.nextInt(5) == 0 ? "INSERT IGNORE" : "INSERT");
    sb.append(" INTO ").append(TABLES.get(t)).append(" (").append(String.join(", ", cols));
    sb.append(") VALUES ");
    int rows = 1 + r.nextInt(r.nextInt(8) == 0 ? 20 : 3);
    for (int row = 0; row < rows; row++) {
      sb.append(row == 0 ? "(" : ", (");
      for (int i = 0; i < cols.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(value(kind(t, cols.get(i))));
      }
      sb.append(')');
    }
    if (sb.charAt(0) == 'I' && r.nextInt(4) == 0) {
      String c = column(t);
      sb.append(" ON DUPLICATE KEY UPDATE ").append(c).append(" = ");
      sb.append(r.nextBoolean() ? "VALUES(" + c + ")" : value(kind(t, c)));
    }
    return sb.toString();
  }

  private String update() {
    int t = table();
    String c = column(t);
    StringBuilder sb = new StringBuilder("UPDATE ");
    if (r.nextInt(6) == 0) {
      sb.append("IGNORE ");
    }
    sb.append(TABLES.get(t)).append(" SET ").append(c).append(" = ");
    sb.append(r.nextBoolean() ? value(kind(t, c)) : expression(1, t));
    sb.append(" WHERE ").append(predicate(t));
    if (r.nextInt(3) == 0) {
      sb.append(" ORDER BY ").append(column(t)).append(r.nextBoolean() ? " DESC" : "");
      sb.append(" LIMIT ").append(r.nextInt(5));
    }
    return sb.toString();
  }

  private String delete() {
    int t = table();
    StringBuilder sb = new StringBuilder("DELETE FROM ").append(TABLES.get(t));
    sb.append(" WHERE ").append(predicate(t));
    if (r.nextInt(3) == 0) {
      sb.append(" LIMIT ").append(r.nextInt(4));
    }
    return sb.toString();
  }

  private String select() {
    int t = table();
    StringBuilder sb = new StringBuilder("SELECT ");
    int shape = r.nextInt(6);
    switch (shape) {
      case 0 -> sb.append("COUNT(*), SUM(").append(column(t)).append("), MAX(").append(column(t));
      case 1 -> sb.append(column(t)).append(", COUNT(*)");
      case 2 -> sb.append("*");
      default -> sb.append(column(t)).append(", ").append(expression(1, t));
    }
    if (shape == 0) {
      sb.append(")");
    }
    sb.append(" FROM ").append(TABLES.get(t));
    if (r.nextInt(5) == 0) {
      int u = table();
      sb.append(r.nextBoolean() ? " JOIN " : " LEFT JOIN ").append(TABLES.get(u)).append(" j ON ");
      sb.append(TABLES.get(t)).append('.').append(COLUMNS[t][0]).append(" = j.");
      sb.append(COLUMNS[u][0]);
    }
    if (r.nextInt(4) != 0) {
      sb.append(" WHERE ").append(predicate(t));
    }
    if (shape == 1) {
      sb.append(" GROUP BY 1");
      if (r.nextBoolean()) {
        sb.append(" HAVING COUNT(*) > ").append(r.nextInt(3));
      }
    }
    if (shape >= 2 && r.nextBoolean()) {
      sb.append(" ORDER BY ").append(r.nextBoolean() ? "1" : column(t));
      sb.append(r.nextBoolean() ? " DESC" : "");
    }
    if (r.nextBoolean()) {
      sb.append(" LIMIT ").append(r.nextInt(10));
      if (r.nextBoolean()) {
        sb.append(" OFFSET ").append(r.nextInt(5));
      }
    }
    if (r.nextInt(10) == 0) {
      sb.append(r.nextBoolean() ? " FOR UPDATE" : " FOR SHARE");
    }
    if (r.nextInt(12) == 0) {
      sb.append(" UNION ALL SELECT ");
      sb.append(shape == 2 ? "*" : shape == 0 ? "1, 2, 3" : "1, 2");
      sb.append(" FROM ").append(TABLES.get(t)).append(" LIMIT 1");
    }
    return sb.toString();
  }

  private String transaction() {
    return switch (r.nextInt(9)) {
      case 0 -> r.nextBoolean() ? "BEGIN" : "START TRANSACTION";
      case 1 -> "COMMIT";
      case 2 -> "ROLLBACK";
      case 3, 4 -> "SAVEPOINT sp" + (savepoints++ % 3);
      case 5 -> "ROLLBACK TO SAVEPOINT sp" + r.nextInt(3);
      case 6 -> "RELEASE SAVEPOINT sp" + r.nextInt(3);
      case 7 ->
          r.nextInt(4) == 0
              ? "LOCK TABLES " + TABLES.get(table()) + (r.nextBoolean() ? " READ" : " WRITE")
              : "UNLOCK TABLES";
      default -> "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
    };
  }

  private String ddl() {
    int t = table();
    String name = TABLES.get(t);
    return switch (r.nextInt(7)) {
      case 0 -> "CREATE INDEX ix" + r.nextInt(3) + " ON " + name + " (" + column(t) + ")";
      case 1 -> "DROP INDEX ix" + r.nextInt(3) + " ON " + name;
      case 2 -> "ALTER TABLE " + name + " ADD COLUMN extra" + r.nextInt(2) + " INT DEFAULT 7";
      case 3 -> "ALTER TABLE " + name + " DROP COLUMN extra" + r.nextInt(2);
      case 4 -> r.nextInt(4) == 0 ? "TRUNCATE TABLE " + name : "ANALYZE TABLE " + name;
      case 5 -> SCHEMA.get(t).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS");
      default -> "OPTIMIZE TABLE " + name;
    };
  }

  private String maintenance() {
    String name = TABLES.get(table());
    return switch (r.nextInt(4)) {
      case 0 -> "CHECK TABLE " + name;
      case 1 -> "CHECKSUM TABLE " + name;
      case 2 -> "SHOW CREATE TABLE " + name;
      default -> "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = '" + name + "'";
    };
  }

  private String kind(int t, String column) {
    for (int i = 0; i < COLUMNS[t].length; i++) {
      if (COLUMNS[t][i].equals(column)) {
        return KINDS[t][i];
      }
    }
    return "i";
  }

  private String predicate(int t) {
    String c = column(t);
    String k = kind(t, c);
    return switch (r.nextInt(7)) {
      case 0 -> c + " = " + value(k);
      case 1 -> c + " BETWEEN " + value(k) + " AND " + value(k);
      case 2 -> c + " IN (" + value(k) + ", " + value(k) + ", " + value(k) + ")";
      case 3 -> c + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
      case 4 -> c + " LIKE '" + (r.nextBoolean() ? "%" : "") + r.nextInt(10) + "%'";
      case 5 -> predicate(t) + (r.nextBoolean() ? " AND " : " OR ") + predicate(t);
      default -> c + (r.nextBoolean() ? " < " : " >= ") + value(k);
    };
  }

  /** An expression over the table's columns (or constants when {@code t} is null). */
  private String expression(int depth, Integer t) {
    if (depth <= 0 || r.nextInt(3) == 0) {
      return t != null && r.nextBoolean()
          ? column(t)
          : value("ifsnt".substring(r.nextInt(5)).substring(0, 1));
    }
    String a = expression(depth - 1, t);
    String b = expression(depth - 1, t);
    return switch (r.nextInt(12)) {
      case 0 -> "(" + a + " + " + b + ")";
      case 1 -> "(" + a + " * " + b + ")";
      case 2 -> "(" + a + " / " + b + ")";
      case 3 -> "CONCAT(" + a + ", " + b + ")";
      case 4 -> "COALESCE(" + a + ", " + b + ")";
      case 5 -> "IF(" + a + ", " + b + ", NULL)";
      case 6 -> "LENGTH(" + a + ")";
      case 7 -> "SUBSTRING(" + a + ", " + r.nextInt(-3, 5) + ", " + r.nextInt(-1, 4) + ")";
      case 8 -> "ROUND(" + a + ", " + r.nextInt(-3, 4) + ")";
      case 9 -> "GREATEST(" + a + ", " + b + ")";
      case 10 -> "(" + a + " - " + b + ")";
      default -> "UPPER(" + a + ")";
    };
  }

  /** A literal for a column of kind {@code k}, often NULL, an extreme or the wrong type. */
  String value(String k) {
    int p = r.nextInt(20);
    if (p == 0) {
      return "NULL";
    }
    if (p == 1) {
      return anyValue();
    }
    return switch (k) {
      case "i", "u" -> integer();
      case "f" -> r.nextBoolean() ? Double.toString(r.nextDouble(-1e6, 1e6)) : integer();
      case "n" -> r.nextInt(-99_999_999, 100_000_000) + "." + r.nextInt(100);
      case "t" ->
          "'" + date() + " " + r.nextInt(24) + ":" + r.nextInt(60) + ":" + r.nextInt(60) + "'";
      case "d" -> "'" + date() + "'";
      case "b" -> r.nextBoolean() ? hex() : string();
      default -> string();
    };
  }

  private String anyValue() {
    return switch (r.nextInt(12)) {
      case 0 -> "9223372036854775807";
      case 1 -> "-9223372036854775808";
      case 2 -> "18446744073709551616";
      case 3 -> "1e308";
      case 4 -> "-0";
      case 5 -> "''";
      case 6 -> "'" + "x".repeat(r.nextInt(200, 3000)) + "'";
      case 7 -> "REPEAT('ab', " + r.nextInt(0, 40_000) + ")";
      case 8 -> "'2024-02-30'";
      case 9 -> "0x" + "F".repeat(r.nextInt(1, 40));
      case 10 -> "-1";
      default -> "'ünïcödé 漢字 😀'";
    };
  }

  private String integer() {
    return switch (r.nextInt(6)) {
      case 0 -> Long.toString(r.nextLong());
      case 1 -> Integer.toString(r.nextInt());
      default -> Integer.toString(r.nextInt(-5, 60));
    };
  }

  private String date() {
    return String.format("%04d-%02d-%02d", r.nextInt(0, 10000), r.nextInt(0, 14), r.nextInt(0, 33));
  }

  private String hex() {
    StringBuilder sb = new StringBuilder("X'");
    int n = r.nextInt(0, 24);
    for (int i = 0; i < n; i++) {
      sb.append(String.format("%02X", r.nextInt(256)));
    }
    return sb.append('\'').toString();
  }

  private String string() {
    String chars = "abz09 '\\\"%_\n\tü漢";
    int n = r.nextInt(r.nextInt(10) == 0 ? 300 : 12);
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < n; i++) {
      char c = chars.charAt(r.nextInt(chars.length()));
      sb.append(c == '\'' ? "''" : c == '\\' ? "\\\\" : String.valueOf(c));
    }
    return sb.append('\'').toString();
  }

  // ---- mutations

  private byte[] mutate(String valid) {
    List<String> tokens = new ArrayList<>(List.of(valid.split(" ")));
    switch (r.nextInt(8)) {
      case 0 -> {
        // Truncation anywhere, even inside a multi-byte character.
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
      }
      case 1 -> {
        int i = r.nextInt(tokens.size());
        int j = r.nextInt(tokens.size());
        String x = tokens.get(i);
        tokens.set(i, tokens.get(j));
        tokens.set(j, x);
      }
      case 2 -> tokens.add(r.nextInt(tokens.size() + 1), GARBAGE[r.nextInt(GARBAGE.length)]);
      case 3 -> tokens.remove(r.nextInt(tokens.size()));
      case 4 -> {
        int i = r.nextInt(tokens.size());
        tokens.add(i, tokens.get(i));
      }
      case 5 -> {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        byte[] garbage = new byte[r.nextInt(1, 8)];
        r.nextBytes(garbage);
        int at = r.nextInt(b.length + 1);
        byte[] out = new byte[b.length + garbage.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(garbage, 0, out, at, garbage.length);
        System.arraycopy(b, at, out, at + garbage.length, b.length - at);
        return out;
      }
      case 6 -> {
        for (int i = 0; i < tokens.size(); i++) {
          if (tokens.get(i).matches("-?\\d+,?\\)?")) {
            tokens.set(i, tokens.get(i).replaceAll("\\d+", "9".repeat(r.nextInt(20, 90))));
            break;
          }
        }
      }
      default -> {
        tokens.add(r.nextInt(tokens.size() + 1), GARBAGE[r.nextInt(GARBAGE.length)]);
        tokens.add(r.nextInt(tokens.size() + 1), GARBAGE[r.nextInt(GARBAGE.length)]);
      }
    }
    return String.join(" ", tokens).getBytes(StandardCharsets.UTF_8);
  }
}
