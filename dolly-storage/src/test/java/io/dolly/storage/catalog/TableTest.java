package io.dolly.storage.catalog;

import static io.dolly.storage.catalog.CatalogFixture.schema;
import static io.dolly.storage.catalog.CatalogFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.txn.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  @TempDir Path dir;
  CatalogFixture db;

  @BeforeEach
  void open() {
    db = new CatalogFixture(dir);
    db.dictionary.createSchema(schema("s"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private <T> T inTrx(Function<Transaction, T> work) {
    try (Transaction trx = db.txns.begin()) {
      T result = work.apply(trx);
      trx.commit();
      return result;
    }
  }

  private boolean changed(Function<Transaction, Boolean> work) {
    return inTrx(work);
  }

  private java.util.Optional<Object[]> found(
      Function<Transaction, java.util.Optional<Object[]>> work) {
    return inTrx(work);
  }

  private long insert(Table t, Object... row) {
    return inTrx(trx -> t.insert(trx, row));
  }

  private Table stored(String name) {
    return db.dictionary.table("s", name).orElseThrow();
  }

  private List<Object[]> scan(
      Table t, String index, KeyBound from, KeyBound to, boolean ascending) {
    return inTrx(
        trx -> {
          List<Object[]> out = new ArrayList<>();
          try (RowCursor c = t.scan(trx, index, from, to, ascending, ReadMode.CONSISTENT)) {
            while (c.next()) {
              out.add(c.row());
            }
          }
          return out;
        });
  }

  private List<Object> firstColumn(List<Object[]> rows) {
    return rows.stream().map(r -> r[0]).toList();
  }

  @Test
  void everyColumnKindRoundTripsWithNulls() {
    Collation ci = Collation.UTF8MB4_0900_AI_CI;
    TableDefinition d =
        table("s", "kinds")
            .column("ti", ColumnSpec.integer(ColumnKind.TINYINT, false, true), "tinyint")
            .column("si", ColumnSpec.integer(ColumnKind.SMALLINT, true, true), "smallint unsigned")
            .column("mi", ColumnSpec.integer(ColumnKind.MEDIUMINT, false, true), "mediumint")
            .column("i", ColumnSpec.integer(ColumnKind.INT, false, false), "int")
            .column("bi", ColumnSpec.integer(ColumnKind.BIGINT, true, true), "bigint unsigned")
            .column("de", ColumnSpec.decimal(10, 2, true), "decimal(10,2)")
            .column("fl", ColumnSpec.of(ColumnKind.FLOAT, true), "float")
            .column("db", ColumnSpec.of(ColumnKind.DOUBLE, true), "double")
            .column("ch", ColumnSpec.string(ColumnKind.CHAR, 5, ci, true), "char(5)")
            .column("vc", ColumnSpec.string(ColumnKind.VARCHAR, 300, ci, true), "varchar(300)")
            .column(
                "tx",
                ColumnSpec.string(ColumnKind.TEXT, 65535, Collation.UTF8MB4_BIN, true),
                "text")
            .column("bn", ColumnSpec.binary(ColumnKind.BINARY, 4, true), "binary(4)")
            .column("vb", ColumnSpec.binary(ColumnKind.VARBINARY, 10, true), "varbinary(10)")
            .column("bl", ColumnSpec.binary(ColumnKind.BLOB, 65535, true), "blob")
            .column("dt", ColumnSpec.of(ColumnKind.DATE, true), "date")
            .column("tm", ColumnSpec.temporal(ColumnKind.TIME, 3, true), "time(3)")
            .column("dtm", ColumnSpec.temporal(ColumnKind.DATETIME, 6, true), "datetime(6)")
            .column("ts", ColumnSpec.temporal(ColumnKind.TIMESTAMP, 0, true), "timestamp")
            .column("yr", ColumnSpec.of(ColumnKind.YEAR, true), "year")
            .primaryKey("i")
            .index("by_vc", IndexKind.INDEX, "vc", "dtm")
            .index("by_de", IndexKind.UNIQUE, "de", "yr")
            .build();
    Table t = db.dictionary.createTable(d);
    Object[] full = {
      -5L,
      65535L,
      -8388608L,
      1L,
      -1L, // 2^64 - 1 as unsigned
      new BigDecimal("-12345678.90"),
      1.5f,
      -2.25e100,
      "héllo",
      "x".repeat(300),
      "long text ".repeat(2000),
      new byte[] {0, 1, 2, 3},
      new byte[] {9, 0, 0},
      new byte[20000],
      LocalDate.of(2024, 2, 29),
      Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
      LocalDateTime.of(2001, 1, 2, 3, 4, 5, 123456000),
      Instant.parse("2038-01-19T03:14:07Z"),
      2155L
    };
    Object[] empty = new Object[full.length];
    empty[3] = 2L;
    insert(t, full);
    insert(t, empty);
    db.reopen();
    t = stored("kinds");
    List<Object[]> rows = scan(t, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).isEqualTo(full);
    assertThat(rows.get(1)).isEqualTo(empty);
    // NULLs sort first in secondary indexes.
    assertThat(firstColumn(scan(t, "by_vc", KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true)))
        .containsExactly(null, -5L);
    assertThat(t.check().problems()).isEmpty();
  }

  private Table people() {
    return db.dictionary.createTable(
        table("s", "people")
            .intColumn("id", false)
            .varchar("name", 40, true)
            .intColumn("a", true)
            .intColumn("b", true)
            .primaryKey("id")
            .index("by_name", IndexKind.UNIQUE, "name")
            .index("ab", IndexKind.UNIQUE, "a", "b")
            .build());
  }

  @Test
  void uniqueViolationsNameTheKeyAsMysql() {
    Table t = people();
    insert(t, 1L, "Ann", 1L, 2L);
    assertThatThrownBy(() -> insert(t, 1L, "Bo", 5L, 5L))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Duplicate entry '1' for key 'people.PRIMARY'")
        .extracting(e -> ((DuplicateKeyException) e).indexName())
        .isEqualTo("PRIMARY");
    // utf8mb4_0900_ai_ci: case and accents do not make a value distinct.
    assertThatThrownBy(() -> insert(t, 2L, "ÄNN", 5L, 5L))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Duplicate entry 'ÄNN' for key 'people.by_name'");
    assertThatThrownBy(() -> insert(t, 2L, "Cy", 1L, 2L))
        .isInstanceOf(DuplicateKeyException.class)
        .extracting(e -> ((DuplicateKeyException) e).keyText())
        .isEqualTo("1-2");
    // NULLs never collide.
    insert(t, 3L, null, 1L, null);
    insert(t, 4L, null, 1L, null);
    // Nothing of the refused inserts is left.
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.check().problems()).isEmpty();
    // An update that moves onto a taken value is refused too, and one that keeps it is not.
    Object[] cy = {3L, null, 1L, null};
    assertThatThrownBy(() -> inTrx(trx -> t.update(trx, cy, new Object[] {3L, "ann", 1L, null})))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(changed(trx -> t.update(trx, cy, new Object[] {3L, "Cy", 1L, null}))).isTrue();
    assertThat(
            changed(
                trx ->
                    t.update(
                        trx, new Object[] {1L, "Ann", 1L, 2L}, new Object[] {1L, "ANN", 1L, 2L})))
        .isTrue();
    assertThat(t.check().problems()).isEmpty();
  }

  @Test
  void uniqueValueFreedByDeleteIsReusableAfterCommit() {
    Table t = people();
    insert(t, 1L, "Ann", null, null);
    assertThat(changed(trx -> t.delete(trx, new Object[] {1L, "x", null, null}))).isTrue();
    insert(t, 2L, "Ann", null, null);
    assertThat(found(trx -> t.lookup(trx, "by_name", new Object[] {"ann"}, ReadMode.SHARED)))
        .hasValueSatisfying(r -> assertThat(r[0]).isEqualTo(2L));
  }

  @Test
  void hiddenRowIdTablesUpdateAndDeleteRowsTheyReturned() {
    Table t =
        db.dictionary.createTable(
            table("s", "heap").intColumn("v", true).index("by_v", IndexKind.INDEX, "v").build());
    for (long v : new long[] {5, 5, 7}) {
      insert(t, v);
    }
    List<Object[]> rows = new ArrayList<>();
    inTrx(
        trx -> {
          try (RowCursor c =
              t.scan(
                  trx, "by_v", KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.EXCLUSIVE)) {
            while (c.next()) {
              rows.add(c.row());
            }
          }
          // Two equal rows: each update changes one of them.
          assertThat(t.update(trx, rows.get(0), new Object[] {1L})).isTrue();
          assertThat(t.update(trx, rows.get(1), new Object[] {2L})).isTrue();
          // An array the table did not return is found by its values.
          assertThat(t.delete(trx, new Object[] {7L})).isTrue();
          assertThat(t.delete(trx, new Object[] {7L})).isFalse();
          return null;
        });
    assertThat(firstColumn(scan(t, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true)))
        .containsExactly(1L, 2L);
    db.reopen();
    Table again = stored("heap");
    insert(again, 9L);
    // Row ids continue above the largest one in use: 9 comes last in the clustered order.
    assertThat(firstColumn(scan(again, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true)))
        .containsExactly(1L, 2L, 9L);
    assertThat(again.check().problems()).isEmpty();
  }

  @Test
  void autoIncrementFillsNullAndZeroAndNeverGoesBackAcrossReopen() {
    Table t =
        db.dictionary.createTable(
            table("s", "ai").autoIncrement("id").intColumn("v", true).primaryKey("id").build());
    assertThat(t.autoIncrement()).isEqualTo(1);
    Object[] row = {null, 1L};
    assertThat(insert(t, row)).isEqualTo(1);
    assertThat(row[0]).isEqualTo(1L);
    assertThat(insert(t, 0L, 2L)).isEqualTo(2);
    assertThat(insert(t, 10L, 3L)).isZero();
    assertThat(insert(t, null, 4L)).isEqualTo(11);
    // A rolled-back insert still uses up its value, as in InnoDB.
    try (Transaction trx = db.txns.begin()) {
      assertThat(t.insert(trx, new Object[] {null, 5L})).isEqualTo(12);
      trx.rollback();
    }
    inTrx(trx -> t.delete(trx, new Object[] {11L, null}));
    db.reopen();
    Table again = stored("ai");
    assertThat(again.autoIncrement()).isEqualTo(13);
    assertThat(insert(again, null, 6L)).isEqualTo(13);
    again.autoIncrement(100);
    db.reopen();
    assertThat(stored("ai").autoIncrement()).isEqualTo(100);
    // ALTER TABLE ... AUTO_INCREMENT below the largest value is raised to max + 1.
    stored("ai").autoIncrement(2);
    assertThat(stored("ai").autoIncrement()).isEqualTo(14);
    // TRUNCATE starts again at 1.
    assertThat(db.dictionary.replaceTable(stored("ai").definition(), null).autoIncrement())
        .isEqualTo(1);
  }

  @Test
  void scansBothDirectionsWithPrefixBounds() {
    Table t =
        db.dictionary.createTable(
            table("s", "grid")
                .intColumn("x", false)
                .intColumn("y", false)
                .varchar("tag", 20, true)
                .primaryKey("x", "y")
                .index("by_tag", IndexKind.INDEX, "tag", "y")
                .build());
    for (long x = 1; x <= 4; x++) {
      for (long y = 1; y <= 3; y++) {
        insert(t, x, y, "t" + ((x + y) % 3));
      }
    }
    Function<List<Object[]>, List<String>> xy =
        rows -> rows.stream().map(r -> r[0] + "," + r[1]).toList();
    assertThat(xy.apply(scan(t, null, KeyBound.inclusive(2L), KeyBound.inclusive(3L), true)))
        .containsExactly("2,1", "2,2", "2,3", "3,1", "3,2", "3,3");
    assertThat(xy.apply(scan(t, null, KeyBound.exclusive(2L), KeyBound.exclusive(4L), false)))
        .containsExactly("3,3", "3,2", "3,1");
    assertThat(xy.apply(scan(t, "PRIMARY", KeyBound.inclusive(2L, 2L), KeyBound.UNBOUNDED, false)))
        .containsExactly("4,3", "4,2", "4,1", "3,3", "3,2", "3,1", "2,3", "2,2");
    assertThat(
            xy.apply(scan(t, null, KeyBound.exclusive(2L, 2L), KeyBound.inclusive(3L, 1L), true)))
        .containsExactly("2,3", "3,1");
    // Secondary: tag t0 = (x + y) % 3 == 0 -> (1,2) (2,1) (3,3) (4,2), ordered by tag then y then
    // pk.
    assertThat(
            xy.apply(scan(t, "by_tag", KeyBound.inclusive("T0"), KeyBound.inclusive("t0"), true)))
        .containsExactly("2,1", "1,2", "4,2", "3,3");
    assertThat(
            xy.apply(
                scan(t, "by_tag", KeyBound.inclusive("t0", 2L), KeyBound.inclusive("t0"), false)))
        .containsExactly("3,3", "4,2", "1,2");
    assertThat(
            xy.apply(scan(t, "by_tag", KeyBound.exclusive("t1"), KeyBound.UNBOUNDED, true)).size())
        .isEqualTo(4);
    assertThat(found(trx -> t.lookup(trx, null, new Object[] {3L, 2L}, ReadMode.CONSISTENT)))
        .hasValueSatisfying(r -> assertThat(r[2]).isEqualTo("t2"));
    assertThat(found(trx -> t.lookup(trx, null, new Object[] {5L, 2L}, ReadMode.CONSISTENT)))
        .isEmpty();
    assertThat(t.rowCount()).isEqualTo(12);
    assertThat(t.dataPages()).isEqualTo(1);
    assertThat(t.indexPages()).isEqualTo(1);
  }

  @Test
  void prefixIndexesCompareOnlyThePrefix() {
    Table t =
        db.dictionary.createTable(
            table("s", "pre")
                .intColumn("id", false)
                .varchar("name", 40, true)
                .primaryKey("id")
                .prefixIndex("u3", IndexKind.UNIQUE, "name", 3)
                .build());
    insert(t, 1L, "abcdef");
    assertThatThrownBy(() -> insert(t, 2L, "ABCxyz"))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Duplicate entry 'ABC' for key 'pre.u3'");
    insert(t, 3L, "abd");
    assertThat(found(trx -> t.lookup(trx, "u3", new Object[] {"abcdef"}, ReadMode.SHARED)))
        .hasValueSatisfying(r -> assertThat(r[0]).isEqualTo(1L));
    assertThat(found(trx -> t.lookup(trx, "u3", new Object[] {"abcz"}, ReadMode.SHARED))).isEmpty();
    // A bound longer than the prefix is widened to it: the caller filters.
    assertThat(firstColumn(scan(t, "u3", KeyBound.exclusive("abcdef"), KeyBound.UNBOUNDED, true)))
        .containsExactly(1L, 3L);
  }

  @Test
  void checkFindsAMissingSecondaryEntry() {
    Table t = people();
    insert(t, 1L, "Ann", 1L, 2L);
    insert(t, 2L, "Bo", 3L, 4L);
    assertThat(t.check().ok()).isTrue();
    Table.SecondaryIndex byName = t.secondaryIndexes().get(0);
    byName.tree().delete(Table.entryKeyOf(byName, new Object[] {2L, "Bo", 3L, 4L}, pk(t, 2L)));
    CheckResult r = t.check();
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).anyMatch(p -> p.contains("has no entry in index by_name"));
  }

  @Test
  void checkFindsADamagedPageOfTheFile() throws Exception {
    Table t = people();
    insert(t, 1L, "Ann", 1L, 2L);
    db.engine.checkpoint();
    Path file = dir.resolve("s/people.ibd");
    int pageSize = db.engine.pageSize();
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(pageSize + 200L);
      int b = raf.read();
      raf.seek(pageSize + 200L);
      raf.write(b ^ 0x5a);
    }
    CheckResult r = t.check();
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).anyMatch(p -> p.contains("page 1: checksum mismatch"));
  }

  private static byte[] pk(Table t, long id) {
    return new io.dolly.storage.record.KeyEncoder(List.of(t.definition().columns().get(0).spec()))
        .encode(id);
  }

  @Test
  void consistentReadsWaitForTheWriterAndKeepNoLock() throws Exception {
    Table t = people();
    insert(t, 1L, "Ann", 1L, 1L);
    Transaction writer = db.txns.begin();
    t.update(writer, new Object[] {1L, "Ann", 1L, 1L}, new Object[] {1L, "Ann", 2L, 2L});
    java.util.concurrent.CompletableFuture<Object[]> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                found(trx -> t.lookup(trx, "by_name", new Object[] {"ann"}, ReadMode.CONSISTENT))
                    .orElseThrow());
    Thread.sleep(200);
    assertThat(read).as("waits for the uncommitted update").isNotDone();
    writer.commit();
    assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS)[2]).isEqualTo(2L);

    // A consistent read keeps no lock: a writer can change the row while the reader is still open.
    try (Transaction reader = db.txns.begin()) {
      assertThat(t.lookup(reader, null, new Object[] {1L}, ReadMode.CONSISTENT)).isPresent();
      try (Transaction other = db.txns.begin()) {
        other.lockWaitTimeout(java.time.Duration.ofMillis(100));
        assertThat(
                t.update(other, new Object[] {1L, "Ann", 2L, 2L}, new Object[] {1L, "Ann", 3L, 3L}))
            .isTrue();
        other.commit();
      }
      // A shared read does keep its lock until the end of the transaction.
      assertThat(t.lookup(reader, null, new Object[] {1L}, ReadMode.SHARED)).isPresent();
      try (Transaction other = db.txns.begin()) {
        other.lockWaitTimeout(java.time.Duration.ofMillis(100));
        assertThatThrownBy(
                () ->
                    t.update(
                        other, new Object[] {1L, "Ann", 3L, 3L}, new Object[] {1L, "Ann", 4L, 4L}))
            .isInstanceOf(io.dolly.storage.txn.LockWaitTimeoutException.class);
      }
      reader.commit();
    }
  }

  @Test
  void forUpdateOfAMissingKeyKeepsOthersFromInsertingIt() {
    Table t = people();
    try (Transaction first = db.txns.begin()) {
      assertThat(t.lookup(first, null, new Object[] {5L}, ReadMode.EXCLUSIVE)).isEmpty();
      try (Transaction other = db.txns.begin()) {
        other.lockWaitTimeout(java.time.Duration.ofMillis(100));
        assertThatThrownBy(() -> t.insert(other, new Object[] {5L, "Eve", null, null}))
            .isInstanceOf(io.dolly.storage.txn.LockWaitTimeoutException.class);
      }
      t.insert(first, new Object[] {5L, "Eve", null, null});
      first.commit();
    }
    assertThat(t.rowCount()).isEqualTo(1);
  }
}
