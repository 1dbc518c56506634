package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What mariadb-dump asks the server and what its dumps contain, over real storage. */
class DumpStatementsTest {
  @TempDir Path dir;
  StorageFixture fx;
  SqlSession s;

  @BeforeEach
  void open() throws Exception {
    fx = new StorageFixture(dir);
    s = fx.sessionIn("db");
    SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
    SessionFixture.run(s, "CREATE TABLE u (id INT PRIMARY KEY)");
  }

  @AfterEach
  void close() {
    s.close();
    fx.close();
  }

  @Test
  void lockTablesLimitsTheSessionToItsTables() {
    SessionFixture.run(s, "LOCK TABLES t WRITE");
    SessionFixture.run(s, "INSERT INTO t VALUES (1, 'a')");
    assertThat(error(s, "SELECT * FROM u").getMessage())
        .isEqualTo("Table 'u' was not locked with LOCK TABLES");
    SessionFixture.run(s, "UNLOCK TABLES");
    SessionFixture.run(s, "LOCK TABLES t READ, u WRITE");
    assertThat(rows(s, "SELECT v FROM t")).containsExactly("a");
    assertThat(error(s, "UPDATE t SET v = 'b'").errorNumber()).isEqualTo(1099);
    SessionFixture.run(s, "INSERT INTO u VALUES (1)");
    SessionFixture.run(s, "UNLOCK TABLES");
    assertThat(rows(s, "SELECT id FROM u")).containsExactly("1");
    assertThat(error(s, "LOCK TABLES nope READ").errorNumber()).isEqualTo(1146);
  }

  @Test
  void otherSessionsWaitForAWriteLockUntilUnlock() throws Exception {
    SqlSession other = fx.sessionIn("db");
    try {
      SessionFixture.run(s, "LOCK TABLES t WRITE");
      CompletableFuture<String> read =
          CompletableFuture.supplyAsync(
              () -> String.join(",", rows(other, "SELECT COUNT(*) FROM t")));
      Thread.sleep(200);
      assertThat(read).isNotDone();
      SessionFixture.run(s, "INSERT INTO t VALUES (7, 'x')");
      SessionFixture.run(s, "UNLOCK TABLES");
      assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("1");
    } finally {
      other.close();
    }
  }

  @Test
  void readLocksShareButBlockWritersUntilTimeout() {
    SqlSession other = fx.sessionIn("db");
    try {
      SessionFixture.run(s, "LOCK TABLES t READ");
      SessionFixture.run(other, "LOCK TABLES t READ");
      SessionFixture.run(other, "UNLOCK TABLES");
      SessionFixture.run(other, "SET lock_wait_timeout = 1");
      long start = System.nanoTime();
      assertThat(error(other, "INSERT INTO t VALUES (1, 'a')").errorNumber()).isEqualTo(1205);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
      // A closed session's locks are gone.
      s.close();
      SessionFixture.run(other, "INSERT INTO t VALUES (1, 'a')");
    } finally {
      other.close();
    }
  }

  @Test
  void startTransactionReleasesTableLocks() {
    SessionFixture.run(s, "LOCK TABLES t READ");
    SessionFixture.run(s, "START TRANSACTION");
    SessionFixture.run(s, "INSERT INTO u VALUES (2)");
    SessionFixture.run(s, "COMMIT");
    assertThat(rows(s, "SELECT id FROM u")).containsExactly("2");
  }

  @Test
  void disableKeysIsANoteAsOnInnodb() {
    SessionFixture.run(s, "/*!40000 ALTER TABLE `t` DISABLE KEYS */");
    assertThat(rows(s, "SHOW WARNINGS"))
        .containsExactly("Note|1031|Table storage engine for 't' doesn't have this option");
    SessionFixture.run(s, "ALTER TABLE t ENABLE KEYS");
  }

  @Test
  void storedProgramListsAreEmpty() {
    assertThat(rows(s, "SHOW FUNCTION STATUS WHERE Db = 'db'")).isEmpty();
    assertThat(rows(s, "SHOW PROCEDURE STATUS LIKE '%'")).isEmpty();
    assertThat(rows(s, "SHOW TRIGGERS FROM db")).isEmpty();
    assertThat(error(s, "SHOW TRIGGERS FROM nope").errorNumber()).isEqualTo(1049);
    assertThat(
            rows(
                s,
                "SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS"
                    + " WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 't'"))
        .isEmpty();
    assertThat(rows(s, "SELECT COUNT(*) FROM information_schema.ROUTINES")).containsExactly("0");
    assertThat(SessionFixture.query(s, "SHOW TRIGGERS").columns()).hasSize(11);
  }

  @Test
  void filesListsEveryTablespace() {
    assertThat(
            rows(
                s,
                "SELECT FILE_NAME, FILE_TYPE, TABLESPACE_NAME, ENGINE FROM information_schema.FILES"
                    + " WHERE TABLESPACE_NAME LIKE 'db/%' ORDER BY FILE_NAME"))
        .containsExactly("./db/t.ibd|TABLESPACE|db/t|InnoDB", "./db/u.ibd|TABLESPACE|db/u|InnoDB");
  }

  @Test
  void quoteShowCreateIsASessionVariable() {
    SessionFixture.run(s, "SET SQL_QUOTE_SHOW_CREATE=1");
    assertThat(rows(s, "SELECT @@sql_quote_show_create")).containsExactly("1");
  }
}
