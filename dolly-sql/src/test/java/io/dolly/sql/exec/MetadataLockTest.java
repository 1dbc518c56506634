package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.protocol.error.MysqlException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDL waits for transactions that use its table, and statements wait for a running DDL. */
class MetadataLockTest {
  @TempDir Path dir;
  StorageFixture fx;
  SqlSession a;
  SqlSession b;

  @BeforeEach
  void open() throws Exception {
    fx = new StorageFixture(dir);
    a = fx.sessionIn("db");
    b = fx.sessionIn("db");
    SessionFixture.run(a, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    SessionFixture.run(a, "INSERT INTO t VALUES (1, 10)");
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    fx.close();
  }

  @Test
  void alterWaitsForAnOpenTransactionOnTheTable() throws Exception {
    SessionFixture.run(a, "BEGIN");
    SessionFixture.run(a, "INSERT INTO t VALUES (2, 20)");
    SessionFixture.run(b, "SET lock_wait_timeout = 1");
    assertThat(error(b, "ALTER TABLE t ADD COLUMN w INT").errorNumber()).isEqualTo(1205);

    SessionFixture.run(b, "SET lock_wait_timeout = 30");
    CompletableFuture<Void> alter =
        CompletableFuture.runAsync(() -> SessionFixture.run(b, "ALTER TABLE t ADD COLUMN w INT"));
    Thread.sleep(200);
    assertThat(alter).isNotDone();
    // The transaction's later statements still see the table it started with.
    SessionFixture.run(a, "UPDATE t SET v = 21 WHERE id = 2");
    SessionFixture.run(a, "COMMIT");
    alter.get(10, TimeUnit.SECONDS);
    assertThat(rows(a, "SELECT id, v, w FROM t ORDER BY id"))
        .containsExactly("1|10|null", "2|21|null");
    assertThat(rows(a, "CHECK TABLE t").getLast()).endsWith("OK");
  }

  @Test
  void sessionsRacingToCreateOneDatabaseGetOneSuccessAnd1007() throws Exception {
    for (int round = 0; round < 50; round++) {
      String create = "CREATE DATABASE race" + round;
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<Integer> first =
          CompletableFuture.supplyAsync(() -> outcome(a, create, start));
      CompletableFuture<Integer> second =
          CompletableFuture.supplyAsync(() -> outcome(b, create, start));
      assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)))
          .as(create)
          .containsExactlyInAnyOrder(0, 1007);
      SessionFixture.run(a, "CREATE DATABASE IF NOT EXISTS race" + round);
    }
  }

  /** 0 when the statement succeeds, else its error number. */
  private static int outcome(SqlSession s, String sql, CyclicBarrier start) {
    try {
      start.await();
    } catch (InterruptedException | BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
    try {
      SessionFixture.run(s, sql);
      return 0;
    } catch (MysqlException e) {
      return e.errorNumber();
    }
  }

  @Test
  void autocommitStatementsReleaseTheirTablesAtOnce() {
    SessionFixture.run(a, "SELECT * FROM t");
    SessionFixture.run(a, "UPDATE t SET v = 11");
    SessionFixture.run(b, "SET lock_wait_timeout = 1");
    SessionFixture.run(b, "OPTIMIZE TABLE t");
    SessionFixture.run(b, "TRUNCATE TABLE t");
    assertThat(rows(a, "SELECT COUNT(*) FROM t")).containsExactly("0");
  }
}
