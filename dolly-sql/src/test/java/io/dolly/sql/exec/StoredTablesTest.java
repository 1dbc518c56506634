package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static io.dolly.sql.exec.StorageFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL, DML and queries of the SQL layer over a real storage engine. */
class StoredTablesTest {
  @TempDir Path dir;
  StorageFixture fx;
  SqlSession s;

  @BeforeEach
  void open() throws Exception {
    fx = new StorageFixture(dir);
    s = fx.session();
    SessionFixture.run(s, "CREATE DATABASE db");
    SessionFixture.run(s, "USE db");
  }

  @AfterEach
  void close() {
    s.close();
    fx.close();
  }

  @Test
  void createInsertSelectUpdateDelete() {
    SessionFixture.run(
        s,
        "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL DEFAULT '0',"
            + " c VARCHAR(10), PRIMARY KEY (id), KEY k_1 (k))");
    UpdateResult ins = update(s, "INSERT INTO t (k, c) VALUES (5, 'a'), (3, 'b'), (5, 'c')");
    assertThat(ins.affectedRows()).isEqualTo(3);
    assertThat(ins.lastInsertId()).isEqualTo(1);
    assertThat(ins.info()).isEqualTo("Records: 3  Duplicates: 0  Warnings: 0");
    assertThat(rows(s, "SELECT id, k, c FROM t")).containsExactly("1|5|a", "2|3|b", "3|5|c");
    assertThat(rows(s, "SELECT c FROM t WHERE k = 5 ORDER BY id DESC")).containsExactly("c", "a");

    UpdateResult up = update(s, "UPDATE t SET k = k + 1 WHERE id BETWEEN 2 AND 3");
    assertThat(up.affectedRows()).isEqualTo(2);
    assertThat(up.info()).isEqualTo("Rows matched: 2  Changed: 2  Warnings: 0");
    UpdateResult same = update(s, "UPDATE t SET c = 'a' WHERE id = 1");
    assertThat(same.info()).isEqualTo("Rows matched: 1  Changed: 0  Warnings: 0");

    assertThat(update(s, "DELETE FROM t WHERE k = 6").affectedRows()).isEqualTo(1);
    assertThat(rows(s, "SELECT id, k FROM t")).containsExactly("1|5", "2|4");
    assertThat(rows(s, "SELECT COUNT(*), SUM(k), MAX(c) FROM t")).containsExactly("2|9|b");
  }

  @Test
  void errorsAreMysqls() {
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL, n TINYINT)");
    assertThat(error(s, "CREATE TABLE t (a INT)").errorNumber()).isEqualTo(1050);
    SessionFixture.run(s, "INSERT INTO t VALUES (5, 'x', 1)");
    assertThat(error(s, "INSERT INTO t VALUES (5, 'y', 1)").getMessage())
        .isEqualTo("Duplicate entry '5' for key 't.PRIMARY'");
    assertThat(error(s, "INSERT INTO t VALUES (6, NULL, 1)").errorNumber()).isEqualTo(1048);
    assertThat(error(s, "INSERT INTO t (id, nope) VALUES (6, 1)").errorNumber()).isEqualTo(1054);
    assertThat(error(s, "INSERT INTO t VALUES (6, 'a')").errorNumber()).isEqualTo(1136);
    assertThat(error(s, "INSERT INTO t (id) VALUES (6)").errorNumber()).isEqualTo(1364);
    assertThat(error(s, "INSERT INTO t VALUES (6, 'a', 300)").errorNumber()).isEqualTo(1264);
    assertThat(error(s, "INSERT INTO t VALUES (6, 'abcd', 1)").errorNumber()).isEqualTo(1406);
    assertThat(error(s, "SELECT * FROM nope").getMessage())
        .isEqualTo("Table 'db.nope' doesn't exist");
    assertThat(error(s, "DROP TABLE t, n1, n2").getMessage())
        .isEqualTo("Unknown table 'db.n1,db.n2'");
    assertThat(error(s, "CREATE DATABASE db").errorNumber()).isEqualTo(1007);
    assertThat(error(s, "DROP DATABASE nope").errorNumber()).isEqualTo(1008);
    assertThat(error(s, "CREATE TABLE b (t TEXT DEFAULT 'x')").errorNumber()).isEqualTo(1101);
    assertThat(error(s, "CREATE TABLE a (x INT AUTO_INCREMENT)").errorNumber()).isEqualTo(1075);
    assertThat(error(s, "CREATE TABLE a (x INT, x INT)").errorNumber()).isEqualTo(1060);
    assertThat(error(s, "CREATE TABLE a (x INT, KEY (y))").errorNumber()).isEqualTo(1072);
    assertThat(error(s, "CREATE TABLE a (x INT PRIMARY KEY, PRIMARY KEY (x))").errorNumber())
        .isEqualTo(1068);

    SessionFixture.run(s, "CREATE TABLE longkey (v VARCHAR(3000) PRIMARY KEY)");
    String big = "x".repeat(3000);
    assertThat(error(s, "INSERT INTO longkey VALUES ('" + big + "')").errorNumber())
        .isEqualTo(1071);
    assertThat(SessionFixture.scalar(s, "SELECT 1")).isEqualTo("1");

    SessionFixture.run(s, "SET sql_mode = ''");
    SessionFixture.run(s, "CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(3), n TINYINT)");
    UpdateResult clamped = update(s, "INSERT INTO w VALUES (1, 'abcd', 300)");
    assertThat(clamped.affectedRows()).isEqualTo(1);
    assertThat(s.warningCount()).isEqualTo(2);
    assertThat(rows(s, "SELECT v, n FROM w")).containsExactly("abc|127");
  }

  @Test
  void datesCompareWithStringsAsPointsInTime() {
    SessionFixture.run(s, "CREATE TABLE e (id INT PRIMARY KEY, at DATETIME, d DATE, KEY (at))");
    SessionFixture.run(
        s,
        "INSERT INTO e VALUES (1, '2024-01-01', '2024-01-01'), (2, '2024-01-02 10:00:00', NULL)");
    assertThat(rows(s, "SELECT id FROM e WHERE at = '2024-01-01'")).containsExactly("1");
    assertThat(rows(s, "SELECT id FROM e WHERE at > '2024-01-01 12:00'")).containsExactly("2");
    assertThat(rows(s, "SELECT id FROM e WHERE d = '2024-01-01'")).containsExactly("1");
    assertThat(rows(s, "SELECT at, d FROM e WHERE id = 1"))
        .containsExactly("2024-01-01 00:00:00|2024-01-01");
  }

  @Test
  void transactionsCommitRollBackAndStatementsAreAtomic() {
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY)");
    SessionFixture.run(s, "BEGIN");
    SessionFixture.run(s, "INSERT INTO t VALUES (1)");
    assertThat(s.statusFlags() & SqlSession.STATUS_IN_TRANS).isNotZero();
    SessionFixture.run(s, "ROLLBACK");
    assertThat(rows(s, "SELECT id FROM t")).isEmpty();

    SessionFixture.run(s, "START TRANSACTION");
    SessionFixture.run(s, "INSERT INTO t VALUES (1)");
    SessionFixture.run(s, "SAVEPOINT a");
    SessionFixture.run(s, "INSERT INTO t VALUES (2)");
    SessionFixture.run(s, "ROLLBACK TO SAVEPOINT a");
    SessionFixture.run(s, "COMMIT");
    assertThat(rows(s, "SELECT id FROM t")).containsExactly("1");

    // A failing multi-row INSERT leaves nothing behind, even inside a transaction.
    SessionFixture.run(s, "BEGIN");
    assertThat(error(s, "INSERT INTO t VALUES (3), (4), (1)").errorNumber()).isEqualTo(1062);
    SessionFixture.run(s, "COMMIT");
    assertThat(rows(s, "SELECT id FROM t")).containsExactly("1");

    SessionFixture.run(s, "SET autocommit = 0");
    SessionFixture.run(s, "INSERT INTO t VALUES (5)");
    SqlSession other = fx.session();
    SessionFixture.run(other, "SET innodb_lock_wait_timeout = 1");
    assertThat(error(other, "SELECT id FROM db.t WHERE id = 5 FOR UPDATE").errorNumber())
        .isEqualTo(1205);
    SessionFixture.run(s, "SET autocommit = 1");
    assertThat(rows(other, "SELECT id FROM db.t WHERE id = 5 FOR UPDATE")).containsExactly("5");
    other.close();
  }

  @Test
  void closingASessionRollsBackItsTransaction() {
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY)");
    SqlSession other = fx.session();
    SessionFixture.run(other, "BEGIN");
    SessionFixture.run(other, "INSERT INTO db.t VALUES (7)");
    other.close();
    assertThat(rows(s, "SELECT id FROM t")).isEmpty();
  }

  @Test
  void explainShowsTheChosenAccessPath() {
    SessionFixture.run(
        s, "CREATE TABLE t (id INT PRIMARY KEY, k INT, c CHAR(5), UNIQUE KEY u (c), KEY k_1 (k))");
    assertThat(explain("SELECT * FROM t WHERE id = 3")).isEqualTo("const|PRIMARY");
    assertThat(explain("SELECT * FROM t WHERE c = 'x'")).isEqualTo("const|u");
    assertThat(explain("SELECT * FROM t WHERE k = 3")).isEqualTo("ref|k_1");
    assertThat(explain("SELECT * FROM t WHERE id BETWEEN 1 AND 5")).isEqualTo("range|PRIMARY");
    assertThat(explain("SELECT * FROM t WHERE k IN (1, 2)")).isEqualTo("range|k_1");
    assertThat(explain("SELECT * FROM t WHERE k > 7 AND id = 2")).isEqualTo("const|PRIMARY");
    assertThat(explain("SELECT * FROM t WHERE c LIKE 'a%'")).isEqualTo("ALL|NULL");
    assertThat(explain("SELECT * FROM t ORDER BY k LIMIT 3")).isEqualTo("index|k_1");
  }

  private String explain(String query) {
    Row r = SessionFixture.query(s, "EXPLAIN " + query).rows().get(0);
    return r.string(4) + "|" + (r.string(6) == null ? "NULL" : r.string(6));
  }

  @Test
  void joinsGroupingSubqueriesAndUnions() {
    SessionFixture.run(s, "CREATE TABLE a (id INT PRIMARY KEY, name VARCHAR(10))");
    SessionFixture.run(s, "CREATE TABLE b (id INT PRIMARY KEY, a_id INT, qty INT, KEY (a_id))");
    SessionFixture.run(s, "INSERT INTO a VALUES (1, 'x'), (2, 'y'), (3, 'z')");
    SessionFixture.run(s, "INSERT INTO b VALUES (10, 1, 5), (11, 1, 7), (12, 2, 1)");
    assertThat(
            rows(
                s,
                "SELECT a.name, SUM(b.qty) AS total FROM a JOIN b ON b.a_id = a.id"
                    + " GROUP BY a.name HAVING total > 1 ORDER BY total DESC"))
        .containsExactly("x|12");
    assertThat(rows(s, "SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id WHERE a.id > 1"))
        .containsExactly("2|12", "3|null");
    assertThat(rows(s, "SELECT name FROM a WHERE id IN (SELECT a_id FROM b) ORDER BY name"))
        .containsExactly("x", "y");
    assertThat(rows(s, "SELECT name FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id)"))
        .containsExactly("x", "y");
    assertThat(rows(s, "SELECT id FROM a UNION SELECT a_id FROM b ORDER BY 1 DESC"))
        .containsExactly("3", "2", "1");
    assertThat(rows(s, "SELECT DISTINCT a_id FROM b")).containsExactly("1", "2");
    assertThat(rows(s, "SELECT t.n FROM (SELECT COUNT(*) AS n FROM b) AS t")).containsExactly("3");
  }

  @Test
  void insertVariantsAndAutoIncrement() {
    SessionFixture.run(
        s,
        "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, u INT, n INT DEFAULT 0, UNIQUE (u))");
    SessionFixture.run(s, "INSERT INTO t (u) VALUES (1), (2)");
    UpdateResult dup = update(s, "INSERT INTO t (u) VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1");
    assertThat(dup.affectedRows()).isEqualTo(2);
    UpdateResult vals =
        update(s, "INSERT INTO t (u, n) VALUES (2, 40) ON DUPLICATE KEY UPDATE n = VALUES(n)");
    assertThat(vals.affectedRows()).isEqualTo(2);
    UpdateResult ignored = update(s, "INSERT IGNORE INTO t (u) VALUES (1), (9)");
    assertThat(ignored.affectedRows()).isEqualTo(1);
    assertThat(ignored.info()).isEqualTo("Records: 2  Duplicates: 1  Warnings: 1");
    UpdateResult replaced = update(s, "REPLACE INTO t (id, u, n) VALUES (1, 1, 100)");
    assertThat(replaced.affectedRows()).isEqualTo(2);
    assertThat(rows(s, "SELECT id, u, n FROM t ORDER BY id"))
        // Failed inserts consume their AUTO_INCREMENT values, as in InnoDB.
        .containsExactly("1|1|100", "2|2|40", "6|9|0");
    SessionFixture.run(s, "INSERT INTO t (id, u) VALUES (100, 50)");
    SessionFixture.run(s, "INSERT INTO t (u) VALUES (51)");
    assertThat(SessionFixture.scalar(s, "SELECT LAST_INSERT_ID()")).isEqualTo("101");
    SessionFixture.run(s, "INSERT INTO t (u, n) SELECT u + 100, n FROM t WHERE u < 3");
    assertThat(SessionFixture.scalar(s, "SELECT COUNT(*) FROM t WHERE u > 100")).isEqualTo("2");
  }

  @Test
  void alterTruncateRenameAndMetadata() {
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
    SessionFixture.run(s, "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    SessionFixture.run(s, "ALTER TABLE t ADD COLUMN n INT NOT NULL DEFAULT 7, ADD INDEX iv (v)");
    assertThat(rows(s, "SELECT id, v, n FROM t WHERE v = 'b'")).containsExactly("2|b|7");
    assertThat(explain("SELECT * FROM t WHERE v = 'b'")).isEqualTo("ref|iv");
    SessionFixture.run(s, "ALTER TABLE t DROP COLUMN v, MODIFY n BIGINT");
    assertThat(rows(s, "SELECT * FROM t")).containsExactly("1|7", "2|7");
    assertThat(SessionFixture.query(s, "SHOW CREATE TABLE t").rows().get(0).string(1))
        .isEqualTo(
            "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `n` bigint DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                + " COLLATE=utf8mb4_0900_ai_ci");
    SessionFixture.run(s, "RENAME TABLE t TO t2");
    assertThat(rows(s, "SHOW TABLES")).containsExactly("t2");
    SessionFixture.run(s, "TRUNCATE TABLE t2");
    assertThat(rows(s, "SELECT COUNT(*) FROM t2")).containsExactly("0");
    assertThat(rows(s, "CHECK TABLE t2")).containsExactly("db.t2|check|status|OK");
    assertThat(
            rows(
                s,
                "SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_KEY FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'db' ORDER BY ORDINAL_POSITION"))
        .containsExactly("id|int|PRI", "n|bigint|");
    SessionFixture.run(s, "DROP DATABASE db");
    assertThat(s.currentDatabase()).isNull();
  }

  @Test
  void privilegesAndTheBackupLockGuardTables() {
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY)");
    SqlSession app = fx.sql.open(50, "app", "%", false);
    assertThat(error(app, "SELECT * FROM db.t").getMessage())
        .isEqualTo("SELECT command denied to user 'app'@'localhost' for table 't'");
    assertThat(error(app, "INSERT INTO db.t VALUES (1)").errorNumber()).isEqualTo(1142);
    assertThat(error(app, "CREATE DATABASE other").errorNumber()).isEqualTo(1044);
    SessionFixture.run(s, "GRANT SELECT ON *.* TO 'app'@'%'");
    assertThat(rows(app, "SELECT COUNT(*) FROM db.t")).containsExactly("0");
    app.close();

    // A backup (clone) holds the backup lock: DDL waits lock_wait_timeout, then fails with 1205.
    try (var backup =
        fx.storage.backupLock().acquireBackup(java.time.Duration.ofSeconds(5), null)) {
      SessionFixture.run(s, "SET lock_wait_timeout = 1");
      assertThat(error(s, "CREATE TABLE u (id INT)").errorNumber()).isEqualTo(1205);
      SessionFixture.run(s, "INSERT INTO t VALUES (1)");
    }
    SessionFixture.run(s, "CREATE TABLE u (id INT)");
    assertThat(rows(s, "SHOW TABLES")).containsExactly("t", "u");
  }
}
