package io.dolly.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Expression.Binary;
import io.dolly.sql.ast.Expression.NumberKind;
import io.dolly.sql.ast.Expression.NumberLiteral;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.VarScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static Expression expr(String text) {
    Query.Select s = (Query.Select) Parser.parseOne("SELECT " + text);
    return s.items().get(0).expression();
  }

  private static String canonical(String text) {
    return AstPrinter.print(Parser.parseOne("SELECT " + text)).substring("SELECT ".length());
  }

  private static MysqlException syntaxError(String sql) {
    try {
      Parser p = new Parser(sql);
      while (p.next() != null) {
        // keep going
      }
    } catch (MysqlException e) {
      return e;
    }
    throw new AssertionError("no error for " + sql);
  }

  @Test
  void precedenceFollowsMysql() {
    assertThat(canonical("1 + 2 * 3")).isEqualTo("(1 + (2 * 3))");
    assertThat(canonical("1 - 2 - 3")).isEqualTo("((1 - 2) - 3)");
    assertThat(canonical("a OR b AND c")).isEqualTo("(`a` OR (`b` AND `c`))");
    assertThat(canonical("a || b && c XOR d")).isEqualTo("(`a` OR ((`b` AND `c`) XOR `d`))");
    assertThat(canonical("NOT a = b")).isEqualTo("(NOT (`a` = `b`))");
    assertThat(canonical("!a = b")).isEqualTo("((NOT `a`) = `b`)");
    assertThat(canonical("-2 ^ 2")).isEqualTo("((-2) ^ 2)");
    assertThat(canonical("1 | 2 & 3 << 1 + 1")).isEqualTo("(1 | (2 & (3 << (1 + 1))))");
    assertThat(canonical("a = 1 AND b BETWEEN 1 AND 3"))
        .isEqualTo("((`a` = 1) AND (`b` BETWEEN 1 AND 3))");
    assertThat(canonical("a NOT LIKE 'x%' ESCAPE '!'")).isEqualTo("(`a` NOT LIKE 'x%' ESCAPE '!')");
    assertThat(canonical("a IS NOT NULL = 1")).isEqualTo("((`a` IS NOT NULL) = 1)");
    assertThat(canonical("5 DIV 2 MOD 3")).isEqualTo("((5 DIV 2) % 3)");
    assertThat(canonical("a != b <=> c")).isEqualTo("((`a` <> `b`) <=> `c`)");
    assertThat(canonical("@a := @b := 1 + 1")).isEqualTo("(@`a` := (@`b` := (1 + 1)))");
    assertThat(canonical("x IN (1, 2) AND y NOT IN (SELECT 1)"))
        .isEqualTo("((`x` IN (1, 2)) AND (`y` NOT IN (SELECT 1)))");
  }

  @Test
  void literals() {
    assertThat(expr("1.5")).isEqualTo(new NumberLiteral("1.5", NumberKind.DECIMAL));
    assertThat(expr("1e3")).isEqualTo(new NumberLiteral("1e3", NumberKind.FLOAT));
    assertThat(expr("x'4142'")).isEqualTo(new Expression.HexLiteral("4142"));
    assertThat(expr("0x4142")).isEqualTo(new Expression.HexLiteral("4142"));
    assertThat(expr("b'101'")).isEqualTo(new Expression.BitLiteral("101"));
    assertThat(expr("'a''b' \"c\\\"d\" 'e\\nf'"))
        .isEqualTo(new Expression.StringLiteral("a'bc\"de\nf", null));
    assertThat(expr("_utf8mb4'x'")).isEqualTo(new Expression.StringLiteral("x", "utf8mb4"));
    assertThat(expr("`we``ird`")).isEqualTo(new Expression.ColumnRef(List.of("we`ird")));
    assertThat(expr("@@GLOBAL.Max_Connections"))
        .isEqualTo(new Expression.SysVar(VarScope.GLOBAL, "max_connections"));
    assertThat(expr("@@persist_only.x"))
        .isEqualTo(new Expression.SysVar(VarScope.PERSIST_ONLY, "x"));
    assertThat(expr("@'my var'")).isEqualTo(new Expression.UserVar("my var"));
    assertThat(expr("? + ?"))
        .isEqualTo(new Binary("+", new Expression.Param(0), new Expression.Param(1)));
    assertThat(expr("CURRENT_USER"))
        .isEqualTo(new Expression.Call("CURRENT_USER", List.of(), false));
  }

  @Test
  void commentsAndVersionComments() {
    assertThat(Parser.parseOne("/*!40101 SET NAMES utf8mb4 */"))
        .isEqualTo(new Admin.Set(List.of(new Admin.SetNames("utf8mb4", null))));
    assertThat(Parser.parseOne("/*!90000 SET NAMES latin1 */ SELECT 1 -- tail\n# more\n/* x */"))
        .isInstanceOf(Query.Select.class);
    assertThat(Parser.parseOne("SELECT 1 /*! + 2 */")).isEqualTo(Parser.parseOne("SELECT 1 + 2"));
  }

  @Test
  void splitsStatementsOneAtATime() {
    Parser p = new Parser("SELECT 1; SET @a = 'x;y' ;\nSELECT 2;");
    List<Statement> all = new ArrayList<>();
    for (Statement s = p.next(); s != null; s = p.next()) {
      all.add(s);
    }
    assertThat(all).hasSize(3);
    assertThat(all.get(1)).isInstanceOf(Admin.Set.class);
  }

  @Test
  void secondStatementErrorComesAfterFirst() {
    Parser p = new Parser("SELECT 1;\nSELEC 2");
    assertThat(p.next()).isInstanceOf(Query.Select.class);
    assertThatThrownBy(p::next)
        .isInstanceOf(MysqlException.class)
        .hasMessageEndingWith("near 'SELEC 2' at line 2");
  }

  @Test
  void syntaxErrorsQuoteTheRestOfTheInput() {
    MysqlException e = syntaxError("SELECT * FORM t");
    assertThat(e.errorNumber()).isEqualTo(1064);
    assertThat(e.sqlState()).isEqualTo("42000");
    assertThat(e.getMessage())
        .isEqualTo(
            "You have an error in your SQL syntax; check the manual that corresponds to your"
                + " MySQL server version for the right syntax to use near 'FORM t' at line 1");
    assertThat(syntaxError("SELECT 1 +").getMessage()).endsWith("near '' at line 1");
    assertThat(syntaxError("SELECT\n1\nFROM WHERE").getMessage())
        .endsWith("near 'WHERE' at line 3");
    String longTail = "x".repeat(100);
    assertThat(syntaxError("SELECT 1 " + longTail + " " + longTail).getMessage())
        .endsWith("near '" + longTail.substring(0, 80) + "' at line 1");
    assertThat(syntaxError("SELECT 'unterminated").getMessage())
        .endsWith("near ''unterminated' at line 1");
  }

  @Test
  void cloneSyntaxErrors() {
    assertThat(syntaxError("CLONE LOCAL '/x'").getMessage()).endsWith("near ''/x'' at line 1");
    assertThat(syntaxError("CLONE INSTANCE FROM 'u'@'h' IDENTIFIED BY 'p'").getMessage())
        .endsWith("near 'IDENTIFIED BY 'p'' at line 1");
    assertThat(syntaxError("CLONE INSTANCE FROM u@h:3306").getMessage())
        .endsWith("near '' at line 1");
    assertThat(
            Parser.parseOne("CLONE INSTANCE FROM u@h:3306 IDENTIFIED BY 'p' DATA DIRECTORY '/d'"))
        .isEqualTo(new Admin.CloneInstance("u", "h", 3306, "p", "/d", null));
    assertThat(Parser.parseOne("CLONE INSTANCE FROM `u`@`h`:1 IDENTIFIED BY 'p' REQUIRE NO SSL"))
        .isEqualTo(new Admin.CloneInstance("u", "h", 1, "p", null, false));
  }

  @Test
  void emptyQuery() {
    assertThat(syntaxError("").errorNumber()).isEqualTo(1065);
    assertThat(syntaxError("  -- nothing\n").errorNumber()).isEqualTo(1065);
    assertThat(syntaxError("/* c */").errorNumber()).isEqualTo(1065);
  }

  @Test
  void userNames() {
    Admin.DropUser d =
        (Admin.DropUser)
            Parser.parseOne("DROP USER 'a'@'h', b@localhost, `c`@`%`, 'd', CURRENT_USER()");
    assertThat(d.users())
        .extracting(u -> u.current() ? "current" : u.user() + "@" + u.host())
        .containsExactly("a@h", "b@localhost", "c@%", "d@%", "current");
    Admin.AlterUser a = (Admin.AlterUser) Parser.parseOne("ALTER USER USER() IDENTIFIED BY 'n'");
    assertThat(a.users().get(0).user().current()).isTrue();
    assertThat(a.users().get(0).password()).isEqualTo("n");
  }

  @Test
  void moreStatementsRoundTrip() {
    String[] sqls = {
      "SELECT a, t.* FROM t1 AS t LEFT JOIN t2 USING (id) JOIN (SELECT 1 AS x) AS d ON d.x = t.a",
      "SELECT 1 UNION ALL SELECT 2 ORDER BY 1 LIMIT 1",
      "SELECT CASE WHEN a THEN 'x' ELSE 'y' END, CAST(1 AS UNSIGNED), CONVERT('a' USING utf8mb4)",
      "SELECT TRIM(LEADING 'x' FROM 'xxa'), SUBSTRING('abc' FROM 2 FOR 1), DATE_ADD(NOW(), INTERVAL 1 DAY)",
      "SELECT EXISTS (SELECT 1), (SELECT 2), COUNT(*), COUNT(DISTINCT a) FROM DUAL",
      "INSERT IGNORE INTO t SET a = 1, b = DEFAULT",
      "INSERT INTO t (a) SELECT b FROM u",
      "UPDATE t SET a = 1 WHERE b = 2 ORDER BY c DESC LIMIT 3",
      "DELETE FROM t WHERE a = 1 ORDER BY b LIMIT 2",
      "CREATE TABLE t LIKE u",
      "CREATE TABLE t AS SELECT 1",
      "CREATE TABLE t (a INT UNSIGNED ZEROFILL, b DECIMAL(10,2) DEFAULT -1.5, e ENUM('x','y'),"
          + " ts TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP) COMMENT='c'",
      "ALTER TABLE t DROP COLUMN a, DROP INDEX k, DROP PRIMARY KEY, ADD PRIMARY KEY (a),"
          + " MODIFY b INT FIRST, CHANGE c d INT, RENAME TO u, ENGINE=InnoDB",
      "DROP INDEX k ON t",
      "TRUNCATE t",
      "RENAME TABLE a TO b, c TO d",
      "CHECKSUM TABLE a, b",
      "SHOW FULL TABLES FROM db LIKE 'x%'",
      "SHOW COLUMNS FROM t FROM db",
      "SHOW INDEX FROM t",
      "SHOW CREATE DATABASE db",
      "SHOW TABLE STATUS WHERE Name = 'x'",
      "SHOW SESSION VARIABLES WHERE Variable_name = 'x'",
      "SHOW COUNT(*) WARNINGS",
      "SHOW COLLATION LIKE 'utf8%'",
      "SHOW CHARACTER SET",
      "SHOW GRANTS",
      "SET @a = 1, @@session.autocommit = ON, PERSIST_ONLY x = 2, LOCAL y = DEFAULT",
      "SET CHARACTER SET utf8mb4",
      "SET NAMES DEFAULT",
      "SET GLOBAL TRANSACTION READ ONLY",
      "SET PASSWORD FOR 'u'@'h' = 'pw'",
      "SET PASSWORD = 'pw'",
      "BEGIN WORK",
      "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE",
      "ROLLBACK TO SAVEPOINT s",
      "SAVEPOINT s",
      "RELEASE SAVEPOINT s",
      "LOCK TABLES t READ, u AS x WRITE",
      "UNLOCK TABLES",
      "UNLOCK INSTANCE",
      "FLUSH PRIVILEGES",
      "FLUSH TABLES t1, t2",
      "CREATE USER IF NOT EXISTS 'u'@'h' IDENTIFIED WITH mysql_native_password BY 'p'"
          + " REQUIRE SSL PASSWORD EXPIRE ACCOUNT LOCK",
      "DROP USER IF EXISTS u",
      "RENAME USER a TO b",
      "GRANT SELECT (a, b), SHOW DATABASES ON *.* TO u@h WITH GRANT OPTION",
      "GRANT ALL PRIVILEGES ON db.t TO u",
      "REVOKE CLONE_ADMIN ON *.* FROM u",
      "REVOKE ALL PRIVILEGES, GRANT OPTION FROM u, v@h",
      "UNINSTALL PLUGIN clone",
      "KILL 5",
      "KILL CONNECTION 5",
      "EXPLAIN UPDATE t SET a = 1",
      "DESCRIBE t",
      "PREPARE s FROM 'SELECT ?'",
      "PREPARE s FROM @q",
      "EXECUTE s USING @a, @b",
      "DEALLOCATE PREPARE s",
      "DROP PREPARE s",
      "RESET PERSIST",
      "RESET PERSIST IF EXISTS max_connections",
      "CREATE SCHEMA IF NOT EXISTS d DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
      "ALTER SCHEMA d READ ONLY = 1",
      "DROP SCHEMA IF EXISTS d",
      "SELECT a FROM t FOR SHARE",
    };
    for (String sql : sqls) {
      Statement s = Parser.parseOne(sql);
      String printed = AstPrinter.print(s);
      assertThat(Parser.parseOne(printed)).as(sql + " => " + printed).isEqualTo(s);
    }
  }
}
