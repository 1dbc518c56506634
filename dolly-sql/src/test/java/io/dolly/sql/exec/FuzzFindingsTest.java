package io.dolly.sql.exec;

import static io.dolly.sql.exec.StorageFixture.error;
import static io.dolly.sql.exec.StorageFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defects the random-SQL fuzz run (SqlFuzzAcceptanceTest) found, each failing with an internal
 * error or ending the connection before its fix; each now fails or succeeds as in MySQL.
 */
class FuzzFindingsTest {
  @TempDir Path dir;
  StorageFixture fx;
  SqlSession s;

  @BeforeEach
  void open() throws Exception {
    fx = new StorageFixture(dir);
    s = fx.sessionIn("db");
    SessionFixture.run(s, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
  }

  @AfterEach
  void close() {
    s.close();
    fx.close();
  }

  @Test
  void hugeSelectListPositionsAreUnknownColumns() {
    SessionFixture.run(s, "INSERT INTO t (v) VALUES (1), (2)");
    assertThat(error(s, "SELECT id FROM t ORDER BY 99999999999999999999999").getMessage())
        .isEqualTo("Unknown column '99999999999999999999999' in 'order clause'");
    assertThat(error(s, "SELECT v, COUNT(*) FROM t GROUP BY 99999999999999999999").errorNumber())
        .isEqualTo(1054);
  }

  @Test
  void minusOfABinaryValueIsANumber() {
    SessionFixture.run(s, "CREATE TABLE b (w VARBINARY(20))");
    SessionFixture.run(s, "INSERT INTO b VALUES (X'E520'), ('abc'), (NULL)");
    assertThat(rows(s, "SELECT COUNT(*) FROM b WHERE - w IN ('b', X'E52096')"))
        .containsExactly("0");
    assertThat(rows(s, "SELECT - X'0102'")).containsExactly("-258");
  }

  @Test
  void malformedHexAndBitLiteralsAreSyntaxErrors() {
    assertThat(error(s, "SELECT X'4'").errorNumber()).isEqualTo(1064);
    assertThat(error(s, "SELECT X'4G'").errorNumber()).isEqualTo(1064);
    assertThat(error(s, "SELECT b'102'").errorNumber()).isEqualTo(1064);
    assertThat(rows(s, "SELECT HEX(X'4a'), b'101' + 0, 0xABC + 0")).containsExactly("4A|5|2748");
  }

  @Test
  void autoIncrementAtTheTypesMaximumIsADuplicateKey() {
    SessionFixture.run(s, "INSERT INTO t VALUES (2147483647, 1)");
    assertThat(error(s, "INSERT INTO t (v) VALUES (2)").getMessage())
        .isEqualTo("Duplicate entry '2147483647' for key 't.PRIMARY'");
    SessionFixture.run(s, "CREATE TABLE small (id TINYINT UNSIGNED AUTO_INCREMENT PRIMARY KEY)");
    SessionFixture.run(s, "INSERT INTO small VALUES (254)");
    SessionFixture.run(s, "INSERT INTO small VALUES (NULL)");
    assertThat(error(s, "INSERT INTO small VALUES (NULL)").errorNumber()).isEqualTo(1062);
    assertThat(rows(s, "SELECT MAX(id) FROM small")).containsExactly("255");
  }

  @Test
  void replaceAndOnDuplicateKeyUpdateWithAGeneratedKeyThatCollides() {
    SessionFixture.run(s, "INSERT INTO t VALUES (2147483647, 1)");
    assertThat(StorageFixture.update(s, "REPLACE INTO t (v) VALUES (2)").affectedRows())
        .isEqualTo(2);
    SessionFixture.run(s, "INSERT INTO t (v) VALUES (3) ON DUPLICATE KEY UPDATE v = v + 10");
    assertThat(rows(s, "SELECT id, v FROM t")).containsExactly("2147483647|12");
  }

  @Test
  void bitAndHexLiteralsStoreAsNumbersInIntegerAndBitColumns() {
    SessionFixture.run(s, "CREATE TABLE b (f BIT(8), i INT UNSIGNED)");
    SessionFixture.run(s, "INSERT INTO b VALUES (b'10101010', X'41'), (b'1', 0x0102)");
    assertThat(rows(s, "SELECT f + 0, i FROM b")).containsExactly("170|65", "1|258");
  }

  @Test
  void aStatementThatWaitedForADdlSeesTheNewTable() throws Exception {
    SessionFixture.run(s, "INSERT INTO t (v) VALUES (1), (2)");
    SqlSession other = fx.sessionIn("db");
    try {
      SessionFixture.run(s, "LOCK TABLES t WRITE");
      CompletableFuture<String> count =
          CompletableFuture.supplyAsync(
              () -> String.join(",", rows(other, "SELECT COUNT(*) FROM t")));
      Thread.sleep(200);
      SessionFixture.run(s, "TRUNCATE TABLE t");
      SessionFixture.run(s, "UNLOCK TABLES");
      assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo("0");
    } finally {
      other.close();
    }
  }
}
