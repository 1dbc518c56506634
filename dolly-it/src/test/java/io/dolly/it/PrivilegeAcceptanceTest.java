package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privileges against a real server: for each statement class an account lacking the privilege gets
 * MySQL's error number, SQLSTATE and message over Connector/J; grants at the database and table
 * level then let it through; accounts and grants survive a clean restart, a SIGKILL right after
 * GRANT returns, and CLONE LOCAL, since they are rows of mysql.ibd.
 */
@Timeout(300)
class PrivilegeAcceptanceTest {
  @TempDir Path dir;

  /** One statement and the error a clerk without privileges gets for it. */
  private record Denied(String sql, int code, String state, String message) {}

  private static final String CLERK = "'clerk'@'localhost'";

  private static final List<Denied> WITHOUT_PRIVILEGES =
      List.of(
          new Denied(
              "SELECT * FROM shop.orders",
              1142,
              "42000",
              "SELECT command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "INSERT INTO shop.orders VALUES (9, 9)",
              1142,
              "42000",
              "INSERT command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "UPDATE shop.orders SET total = 0",
              1142,
              "42000",
              "UPDATE command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "DELETE FROM shop.orders",
              1142,
              "42000",
              "DELETE command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "CREATE TABLE shop.t2 (a INT)",
              1142,
              "42000",
              "CREATE command denied to user " + CLERK + " for table 't2'"),
          new Denied(
              "DROP TABLE shop.orders",
              1142,
              "42000",
              "DROP command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "ALTER TABLE shop.orders ADD COLUMN note INT",
              1142,
              "42000",
              "ALTER command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "CREATE INDEX by_total ON shop.orders (total)",
              1142,
              "42000",
              "INDEX command denied to user " + CLERK + " for table 'orders'"),
          new Denied(
              "USE shop", 1044, "42000", "Access denied for user " + CLERK + " to database 'shop'"),
          new Denied(
              "CREATE DATABASE shop2",
              1044,
              "42000",
              "Access denied for user " + CLERK + " to database 'shop2'"),
          new Denied(
              "DROP DATABASE shop",
              1044,
              "42000",
              "Access denied for user " + CLERK + " to database 'shop'"),
          new Denied(
              "SET GLOBAL max_connections = 50",
              1227,
              "42000",
              "Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN"
                  + " privilege(s) for this operation"),
          new Denied(
              "CLONE LOCAL DATA DIRECTORY = '/tmp/never'",
              1227,
              "42000",
              "Access denied; you need (at least one of) the BACKUP_ADMIN privilege(s) for this"
                  + " operation"),
          new Denied(
              "CREATE USER 'other'@'%'",
              1227,
              "42000",
              "Access denied; you need (at least one of) the CREATE USER privilege(s) for this"
                  + " operation"));

  private static final List<String> SHOW_GRANTS =
      List.of(
          "GRANT USAGE ON *.* TO `clerk`@`localhost`",
          "GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.* TO `clerk`@`localhost`",
          "GRANT SELECT, ALTER ON `stock`.`items` TO `clerk`@`localhost`");

  @Test
  void privilegesAreEnforcedGrantedAndSurviveRestartCrashAndClone() throws Exception {
    Path data = dir.resolve("data");
    try (ServerProcess server = ServerProcess.start(data)) {
      root(
          server,
          "CREATE DATABASE shop",
          "CREATE DATABASE stock",
          "CREATE TABLE shop.orders (id INT PRIMARY KEY, total INT)",
          "INSERT INTO shop.orders VALUES (1, 10), (2, 20)",
          "CREATE TABLE stock.items (id INT PRIMARY KEY)",
          "CREATE TABLE stock.prices (id INT PRIMARY KEY)",
          "CREATE USER 'clerk'@'localhost' IDENTIFIED BY 'pw'");
      try (Connection clerk = clerk(server)) {
        List<String> failures = new ArrayList<>();
        for (Denied d : WITHOUT_PRIVILEGES) {
          String got = error(clerk, d.sql());
          String want = d.code() + " " + d.state() + " " + d.message();
          if (!got.equals(want)) {
            failures.add(d.sql() + "\n   got " + got + "\n  want " + want);
          }
        }
        assertThat(failures).as("errors of statements without privileges").isEmpty();
        assertThat(rows(clerk, "SHOW DATABASES")).containsExactly("information_schema");
      }
      Cli.Result connectToShop = Cli.mariadb(server.port(), "clerk", "pw", "SELECT 1", "-Dshop");
      assertThat(connectToShop.stderr())
          .as("a database named at connect time")
          .contains("ERROR 1044 (42000): Access denied for user " + CLERK + " to database 'shop'");

      // Database level: the clerk's DML on shop works, its DDL still does not.
      root(server, "GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'clerk'@'localhost'");
      // Table level: one table of stock, and only that one.
      root(server, "GRANT SELECT, ALTER ON stock.items TO 'clerk'@'localhost'");
      try (Connection clerk = clerk(server)) {
        clerkWorks(clerk);
        assertThat(error(clerk, "DROP TABLE shop.orders")).startsWith("1142 42000 DROP command");
        assertThat(error(clerk, "SELECT * FROM stock.prices"))
            .isEqualTo("1142 42000 SELECT command denied to user " + CLERK + " for table 'prices'");
        assertThat(rows(clerk, "SHOW GRANTS")).containsExactlyElementsOf(SHOW_GRANTS);
        assertThat(rows(clerk, "SHOW DATABASES"))
            .containsExactly("information_schema", "shop", "stock");
        assertThat(rows(clerk, "SHOW TABLES FROM stock")).containsExactly("items");
      }
      assertThat(server.stop()).isZero();
    }

    try (ServerProcess server = ServerProcess.start(data)) {
      try (Connection clerk = clerk(server)) {
        assertThat(rows(clerk, "SHOW GRANTS")).as("after a clean restart").isEqualTo(SHOW_GRANTS);
        clerkWorks(clerk);
      }
      root(server, "GRANT SELECT ON stock.prices TO 'clerk'@'localhost'");
      server.kill();
    }

    try (ServerProcess server = ServerProcess.start(data)) {
      try (Connection clerk = clerk(server)) {
        assertThat(rows(clerk, "SELECT COUNT(*) FROM stock.prices"))
            .as("the grant acknowledged right before SIGKILL")
            .containsExactly("0");
      }
      assertThat(
              rows(
                  server.root(),
                  "SELECT d.Db, d.Select_priv, d.Drop_priv FROM mysql.user u JOIN mysql.db d"
                      + " ON d.User = u.User AND d.Host = u.Host WHERE u.User = 'clerk'"))
          .containsExactly("shop|Y|N");

      Path copy = dir.resolve("copy");
      root(server, "CLONE LOCAL DATA DIRECTORY = '" + copy + "'");
      try (ServerProcess clone = ServerProcess.start(copy);
          Connection clerk = clerk(clone)) {
        assertThat(rows(clerk, "SELECT COUNT(*) FROM shop.orders"))
            .as("the clone carries the user and its db-level grant")
            .containsExactly("2");
        assertThat(error(clerk, "DROP DATABASE shop")).startsWith("1044 42000");
      }
    }
  }

  /** What the clerk's grants allow: DML on every table of shop, reading stock.items. */
  private static void clerkWorks(Connection clerk) throws SQLException {
    try (Statement s = clerk.createStatement()) {
      s.execute("USE shop");
      s.executeUpdate("INSERT INTO orders VALUES (3, 30)");
      s.executeUpdate("UPDATE orders SET total = total + 1 WHERE id = 3");
      s.executeUpdate("DELETE FROM orders WHERE id = 3");
    }
    assertThat(rows(clerk, "SELECT SUM(total) FROM orders")).containsExactly("30");
    assertThat(rows(clerk, "SELECT COUNT(*) FROM stock.items")).containsExactly("0");
  }

  private static Connection clerk(ServerProcess server) throws SQLException {
    return server.connectorJ("clerk", "pw", "");
  }

  private static void root(ServerProcess server, String... statements) throws SQLException {
    try (Connection c = server.root();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** "number SQLSTATE message" of the statement's failure. */
  private static String error(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      return e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage();
    }
    return "no error";
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }
}
