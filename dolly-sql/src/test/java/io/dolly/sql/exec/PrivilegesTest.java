package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.error.MysqlException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants at the global, database and table level, kept as rows of the grant tables, and their
 * enforcement on the statements of a session.
 */
class PrivilegesTest {
  @TempDir Path dir;
  StorageFixture fx;
  SqlSession root;

  @BeforeEach
  void open() throws Exception {
    fx = new StorageFixture(dir);
    root = fx.session();
    SessionFixture.run(
        root,
        "CREATE DATABASE shop; CREATE DATABASE hr;"
            + " CREATE TABLE shop.orders (id INT PRIMARY KEY, total INT);"
            + " CREATE TABLE shop.items (id INT PRIMARY KEY, order_id INT);"
            + " CREATE TABLE hr.pay (id INT PRIMARY KEY);"
            + " INSERT INTO shop.orders VALUES (1, 10), (2, 20);"
            + " INSERT INTO shop.items VALUES (1, 1);"
            + " CREATE USER 'clerk'@'%' IDENTIFIED BY 'pw'");
  }

  @AfterEach
  void close() {
    root.close();
    fx.close();
  }

  private SqlSession clerk() {
    return fx.sql.open(100, "clerk", "%", false);
  }

  private static String denied(SqlSession s, String sql) {
    MysqlException e = error(s, sql);
    return e.errorNumber() + " " + e.sqlState() + " " + e.getMessage();
  }

  @Test
  void eachStatementClassNeedsItsPrivilegeOnEveryTableItTouches() {
    SqlSession c = clerk();
    assertThat(denied(c, "SELECT * FROM shop.orders"))
        .isEqualTo(
            "1142 42000 SELECT command denied to user 'clerk'@'localhost' for table 'orders'");
    assertThat(denied(c, "USE shop"))
        .isEqualTo("1044 42000 Access denied for user 'clerk'@'localhost' to database 'shop'");
    assertThat(denied(c, "CREATE DATABASE shop2").substring(0, 4)).isEqualTo("1044");
    assertThat(denied(c, "DROP DATABASE hr").substring(0, 4)).isEqualTo("1044");

    SessionFixture.run(root, "GRANT SELECT ON shop.* TO 'clerk'@'%'");
    assertThat(rows(c, "SELECT COUNT(*) FROM shop.orders")).containsExactly("2");
    SessionFixture.run(c, "USE shop");
    assertThat(rows(c, "SELECT o.id FROM orders o JOIN items i ON i.order_id = o.id"))
        .containsExactly("1");
    assertThat(denied(c, "INSERT INTO orders VALUES (3, 30)"))
        .startsWith("1142 42000 INSERT command denied");
    assertThat(denied(c, "UPDATE orders SET total = 0")).startsWith("1142 42000 UPDATE command");
    assertThat(denied(c, "DELETE FROM orders")).startsWith("1142 42000 DELETE command");
    assertThat(denied(c, "CREATE TABLE t (a INT)")).startsWith("1142 42000 CREATE command");
    assertThat(denied(c, "DROP TABLE orders")).startsWith("1142 42000 DROP command");
    assertThat(denied(c, "ALTER TABLE orders ADD COLUMN x INT")).startsWith("1142 42000 ALTER");
    assertThat(denied(c, "CREATE INDEX ix ON orders (total)")).startsWith("1142 42000 INDEX");
    // A subquery or join naming a table of another database needs SELECT there too.
    assertThat(denied(c, "SELECT id FROM orders WHERE id IN (SELECT id FROM hr.pay)"))
        .isEqualTo("1142 42000 SELECT command denied to user 'clerk'@'localhost' for table 'pay'");
    assertThat(denied(c, "SELECT * FROM orders JOIN hr.pay")).contains("for table 'pay'");

    // Table level: INSERT on one table only; INSERT ... SELECT needs SELECT on its source.
    SessionFixture.run(root, "GRANT INSERT ON shop.items TO 'clerk'@'%'");
    SessionFixture.run(c, "INSERT INTO items SELECT id + 10, id FROM orders");
    assertThat(rows(c, "SELECT COUNT(*) FROM items")).containsExactly("3");
    assertThat(denied(c, "INSERT INTO items SELECT id, id FROM hr.pay"))
        .contains("SELECT command denied")
        .contains("'pay'");
    assertThat(denied(c, "INSERT INTO orders VALUES (5, 5)")).startsWith("1142");

    SessionFixture.run(root, "REVOKE SELECT ON shop.* FROM 'clerk'@'%'");
    assertThat(denied(c, "SELECT * FROM orders")).startsWith("1142");
    c.close();
  }

  @Test
  void dynamicAndGlobalOnlyOperationsAre1227() {
    SqlSession c = clerk();
    assertThat(denied(c, "SET GLOBAL max_connections = 10"))
        .isEqualTo(
            "1227 42000 Access denied; you need (at least one of) the SUPER or"
                + " SYSTEM_VARIABLES_ADMIN privilege(s) for this operation");
    assertThat(denied(c, "CREATE USER x").substring(0, 4)).isEqualTo("1227");
    SessionFixture.run(root, "GRANT SYSTEM_VARIABLES_ADMIN ON *.* TO 'clerk'@'%'");
    SessionFixture.run(c, "SET GLOBAL max_connections = 10");
    assertThat(denied(root, "GRANT BACKUP_ADMIN ON shop.* TO 'clerk'@'%'"))
        .isEqualTo("3619 HY000 Illegal privilege level specified for BACKUP_ADMIN");
    assertThat(denied(root, "GRANT SHUTDOWN ON shop.* TO 'clerk'@'%'"))
        .isEqualTo("1221 HY000 Incorrect usage of DB GRANT and GLOBAL PRIVILEGES");
    assertThat(denied(root, "GRANT EXECUTE ON shop.orders TO 'clerk'@'%'")).startsWith("1144");
    assertThat(denied(root, "GRANT SELECT ON shop.nope TO 'clerk'@'%'"))
        .isEqualTo("1146 42S02 Table 'shop.nope' doesn't exist");
    assertThat(denied(root, "REVOKE SELECT ON hr.* FROM 'clerk'@'%'")).startsWith("1141");
    c.close();
  }

  @Test
  void listsShowOnlyWhatTheAccountMaySee() {
    SessionFixture.run(root, "GRANT SELECT ON shop.orders TO 'clerk'@'%'");
    SqlSession c = clerk();
    assertThat(rows(c, "SHOW DATABASES")).containsExactly("information_schema", "shop");
    assertThat(rows(c, "SHOW TABLES FROM shop")).containsExactly("orders");
    assertThat(
            rows(
                c,
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA NOT IN ('mysql')"))
        .containsExactly("shop|orders");
    assertThat(rows(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"))
        .containsExactly("information_schema", "shop");
    assertThat(denied(c, "SHOW TABLES FROM hr")).startsWith("1044");
    assertThat(rows(root, "SHOW DATABASES")).contains("hr", "mysql", "shop");
    c.close();
  }

  @Test
  void showGrantsPrintsEveryLevelAsMysqlDoes() {
    SessionFixture.run(
        root,
        "GRANT SELECT, INSERT ON *.* TO 'clerk'@'%';"
            + " GRANT BACKUP_ADMIN, CLONE_ADMIN ON *.* TO 'clerk'@'%';"
            + " GRANT ALL PRIVILEGES ON shop.* TO 'clerk'@'%' WITH GRANT OPTION;"
            + " GRANT UPDATE, DELETE ON hr.* TO 'clerk'@'%';"
            + " GRANT SELECT, UPDATE ON shop.orders TO 'clerk'@'%'");
    assertThat(rows(root, "SHOW GRANTS FOR 'clerk'@'%'"))
        .containsExactly(
            "GRANT SELECT, INSERT ON *.* TO `clerk`@`%`",
            "GRANT BACKUP_ADMIN,CLONE_ADMIN ON *.* TO `clerk`@`%`",
            "GRANT UPDATE, DELETE ON `hr`.* TO `clerk`@`%`",
            "GRANT ALL PRIVILEGES ON `shop`.* TO `clerk`@`%` WITH GRANT OPTION",
            "GRANT SELECT, UPDATE ON `shop`.`orders` TO `clerk`@`%`");
    SqlSession c = clerk();
    assertThat(rows(c, "SHOW GRANTS")).hasSize(5);
    // GRANT OPTION on shop lets the clerk hand out shop's privileges, and only those.
    SessionFixture.run(root, "CREATE USER 'temp'@'localhost'");
    SessionFixture.run(c, "GRANT SELECT ON shop.* TO 'temp'@'localhost'");
    assertThat(denied(c, "GRANT SELECT ON hr.* TO 'temp'@'localhost'"))
        .isEqualTo("1044 42000 Access denied for user 'clerk'@'localhost' to database 'hr'");
    c.close();
  }

  @Test
  void grantTablesAreOrdinaryRowsReadableAndFlushPrivilegesReadsThemBack() {
    SessionFixture.run(
        root,
        "GRANT SELECT ON shop.* TO 'clerk'@'%'; GRANT INSERT ON shop.items TO 'clerk'@'%';"
            + " GRANT BACKUP_ADMIN ON *.* TO 'clerk'@'%'");
    assertThat(
            rows(
                root,
                "SELECT u.User, u.Host, u.plugin, u.account_locked, d.Db, d.Select_priv,"
                    + " d.Insert_priv FROM mysql.user u JOIN mysql.db d ON d.User = u.User"
                    + " AND d.Host = u.Host WHERE u.User = 'clerk'"))
        .containsExactly("clerk|%|caching_sha2_password|N|shop|Y|N");
    assertThat(rows(root, "SELECT Db, Table_name, Table_priv FROM mysql.tables_priv"))
        .containsExactly("shop|items|Insert");
    assertThat(
            rows(
                root,
                "SELECT PRIV, WITH_GRANT_OPTION FROM mysql.global_grants WHERE USER = 'clerk'"))
        .containsExactly("BACKUP_ADMIN|N");
    assertThat(rows(root, "SELECT Select_priv, Super_priv FROM mysql.user WHERE User = 'root'"))
        .containsExactly("Y|Y");

    // Direct DML on the tables takes effect at FLUSH PRIVILEGES, as in MySQL.
    SessionFixture.run(root, "UPDATE mysql.db SET Insert_priv = 'Y' WHERE User = 'clerk'");
    SqlSession c = clerk();
    assertThat(denied(c, "INSERT INTO shop.orders VALUES (9, 9)")).startsWith("1142");
    SessionFixture.run(root, "FLUSH PRIVILEGES");
    SessionFixture.run(c, "INSERT INTO shop.orders VALUES (9, 9)");
    c.close();

    assertThat(denied(root, "DROP TABLE mysql.user"))
        .isEqualTo("3554 HY000 Access to system table 'mysql.user' is rejected.");
    assertThat(rows(root, "SHOW TABLES FROM mysql"))
        .contains("db", "global_grants", "tables_priv", "user");
  }

  @Test
  void accountsAndGrantsComeBackFromTheTablesAfterReopen() throws Exception {
    SessionFixture.run(
        root,
        "GRANT SELECT ON shop.* TO 'clerk'@'%'; RENAME USER 'clerk'@'%' TO 'cashier'@'10.0.0.0/8'");
    root.close();
    fx.close();

    fx = new StorageFixture(dir);
    root = fx.session();
    assertThat(fx.sql.accounts.get("clerk", "%")).isEmpty();
    assertThat(fx.sql.accounts.find("cashier", "10.1.2.3")).isPresent();
    assertThat(rows(root, "SHOW GRANTS FOR 'cashier'@'10.0.0.0/8'"))
        .containsExactly(
            "GRANT USAGE ON *.* TO `cashier`@`10.0.0.0/8`",
            "GRANT SELECT ON `shop`.* TO `cashier`@`10.0.0.0/8`");
  }
}
