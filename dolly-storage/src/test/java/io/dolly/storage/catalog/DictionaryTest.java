package io.dolly.storage.catalog;

import static io.dolly.storage.catalog.CatalogFixture.schema;
import static io.dolly.storage.catalog.CatalogFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.txn.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryTest {
  @TempDir Path dir;
  CatalogFixture db;

  @BeforeEach
  void open() {
    db = new CatalogFixture(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private TableDefinition people(String schema, String name) {
    return table(schema, name)
        .intColumn("id", false)
        .varchar("name", 40, true)
        .intColumn("age", true)
        .primaryKey("id")
        .index("by_name", IndexKind.UNIQUE, "name")
        .index("by_age", IndexKind.INDEX, "age")
        .build();
  }

  private void insert(Table t, Object... row) {
    try (Transaction trx = db.txns.begin()) {
      t.insert(trx, row);
      trx.commit();
    }
  }

  private List<Object[]> rows(Table t) {
    List<Object[]> out = new ArrayList<>();
    try (Transaction trx = db.txns.begin();
        RowCursor c =
            t.scan(trx, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
      while (c.next()) {
        out.add(c.row());
      }
    }
    return out;
  }

  private List<String> ibdFiles() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".ibd"))
          .map(p -> dir.relativize(p).toString())
          .filter(p -> p.contains("/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void opensOncePerEngine() {
    assertThatThrownBy(() -> Dictionary.open(db.engine, db.txns))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void theSystemSchemaAlwaysExists() {
    assertThat(db.dictionary.schema("mysql")).isPresent();
    db.reopen();
    assertThat(db.dictionary.schemas()).extracting(SchemaDefinition::name).containsExactly("mysql");
  }

  @Test
  void schemasAndTablesPersistAcrossReopen() throws Exception {
    db.dictionary.createSchema(schema("shop"));
    db.dictionary.createSchema(schema("app"));
    Table t = db.dictionary.createTable(people("shop", "people"));
    insert(t, 1, "ann", 30);
    db.dictionary.createTable(people("shop", "Other-Name"));
    db.reopen();
    assertThat(db.dictionary.schemas())
        .extracting(SchemaDefinition::name)
        .containsExactly("app", "mysql", "shop");
    assertThat(db.dictionary.tableNames("shop")).containsExactly("Other-Name", "people");
    Table again = db.dictionary.table("shop", "people").orElseThrow();
    assertThat(again.definition()).isEqualTo(people("shop", "people"));
    assertThat(rows(again)).containsExactly(new Object[] {1L, "ann", 30L});
    assertThat(ibdFiles()).containsExactly("shop/Other@002dName.ibd", "shop/people.ibd");
  }

  @Test
  void ddlErrors() {
    db.dictionary.createSchema(schema("s"));
    assertThatThrownBy(() -> db.dictionary.createSchema(schema("s")))
        .isInstanceOf(SchemaExistsException.class)
        .hasMessage("Can't create database 's'; database exists");
    assertThatThrownBy(() -> db.dictionary.createTable(people("nope", "t")))
        .isInstanceOf(NoSuchSchemaException.class)
        .hasMessage("Unknown database 'nope'");
    db.dictionary.createTable(people("s", "t"));
    assertThatThrownBy(() -> db.dictionary.createTable(people("s", "t")))
        .isInstanceOf(TableExistsException.class)
        .hasMessage("Table 't' already exists");
    assertThatThrownBy(() -> db.dictionary.dropTable("s", "u"))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("Table 's.u' doesn't exist");
    assertThatThrownBy(() -> db.dictionary.alterSchema(schema("x")))
        .isInstanceOf(NoSuchSchemaException.class);
    assertThatThrownBy(() -> db.dictionary.dropSchema("x"))
        .isInstanceOf(NoSuchSchemaException.class);
  }

  @Test
  void alterSchemaPersists() {
    db.dictionary.createSchema(schema("s"));
    db.dictionary.alterSchema(new SchemaDefinition("s", "latin1", "latin1_swedish_ci", true, true));
    db.reopen();
    assertThat(db.dictionary.schema("s"))
        .contains(new SchemaDefinition("s", "latin1", "latin1_swedish_ci", true, true));
  }

  @Test
  void dropTableRemovesFileAndInvalidatesTheTable() throws Exception {
    db.dictionary.createSchema(schema("s"));
    Table t = db.dictionary.createTable(people("s", "t"));
    db.dictionary.dropTable("s", "t");
    assertThat(db.dictionary.table("s", "t")).isEmpty();
    assertThat(ibdFiles()).isEmpty();
    assertThatThrownBy(() -> t.rowCount()).isInstanceOf(NoSuchTableException.class);
    db.reopen();
    assertThat(db.dictionary.tableNames("s")).isEmpty();
    // The name is free again.
    insert(db.dictionary.createTable(people("s", "t")), 2, "bo", 4);
  }

  @Test
  void renameKeepsRowsAndTheTableObject() {
    db.dictionary.createSchema(schema("a"));
    db.dictionary.createSchema(schema("b"));
    Table t = db.dictionary.createTable(people("a", "t"));
    insert(t, 1, "ann", 30);
    db.dictionary.createTable(people("b", "taken"));
    assertThatThrownBy(() -> db.dictionary.renameTable("a", "t", "b", "taken"))
        .isInstanceOf(TableExistsException.class);
    db.dictionary.renameTable("a", "t", "b", "moved");
    assertThat(t.definition().schema()).isEqualTo("b");
    assertThat(t.definition().name()).isEqualTo("moved");
    insert(t, 2, "bo", 4);
    // A new table may take the old name although the old file keeps it.
    insert(db.dictionary.createTable(people("a", "t")), 9, "new", 1);
    db.reopen();
    assertThat(db.dictionary.tableNames("a")).containsExactly("t");
    assertThat(db.dictionary.tableNames("b")).containsExactly("moved", "taken");
    assertThat(rows(db.dictionary.table("b", "moved").orElseThrow())).hasSize(2);
    assertThat(rows(db.dictionary.table("a", "t").orElseThrow()))
        .containsExactly(new Object[] {9L, "new", 1L});
  }

  @Test
  void replaceTableTruncatesOrCopies() {
    db.dictionary.createSchema(schema("s"));
    Table t = db.dictionary.createTable(people("s", "t"));
    insert(t, 1, "ann", 30);
    insert(t, 2, "bo", 40);
    Table truncated = db.dictionary.replaceTable(people("s", "t"), null);
    assertThat(rows(truncated)).isEmpty();
    assertThatThrownBy(() -> rows(t)).isInstanceOf(NoSuchTableException.class);
    insert(truncated, 5, "cy", 50);
    TableDefinition wider =
        table("s", "t")
            .intColumn("id", false)
            .varchar("name", 40, true)
            .intColumn("age", true)
            .intColumn("score", true)
            .primaryKey("id")
            .build();
    Table altered =
        db.dictionary.replaceTable(
            wider,
            (from, to) -> {
              try (Transaction trx = db.txns.begin()) {
                for (Object[] r : rows(from)) {
                  to.insert(trx, new Object[] {r[0], r[1], r[2], 7L});
                }
                trx.commit();
              }
            });
    db.reopen();
    Table reopened = db.dictionary.table("s", "t").orElseThrow();
    assertThat(reopened.definition()).isEqualTo(wider);
    assertThat(rows(reopened)).containsExactly(new Object[] {5L, "cy", 50L, 7L});
    assertThat(altered.spaceId()).isEqualTo(reopened.spaceId());
  }

  @Test
  void aFailedCopyLeavesTheOldTable() throws Exception {
    db.dictionary.createSchema(schema("s"));
    Table t = db.dictionary.createTable(people("s", "t"));
    insert(t, 1, "ann", 30);
    assertThatThrownBy(
            () ->
                db.dictionary.replaceTable(
                    people("s", "t"),
                    (from, to) -> {
                      throw new IllegalStateException("copy failed");
                    }))
        .hasMessage("copy failed");
    assertThat(rows(t)).hasSize(1);
    assertThat(ibdFiles()).containsExactly("s/t.ibd");
  }

  @Test
  void dropSchemaDropsItsTables() throws Exception {
    db.dictionary.createSchema(schema("s"));
    Table t = db.dictionary.createTable(people("s", "t1"));
    db.dictionary.createTable(people("s", "t2"));
    db.dictionary.dropSchema("s");
    assertThat(db.dictionary.schema("s")).isEmpty();
    assertThat(db.dictionary.tableNames("s")).isEmpty();
    assertThatThrownBy(t::rowCount).isInstanceOf(NoSuchTableException.class);
    assertThat(ibdFiles()).isEmpty();
    assertThat(dir.resolve("s")).doesNotExist();
    db.reopen();
    assertThat(db.dictionary.schema("s")).isEmpty();
  }

  @Test
  void orphanTablespacesAreRemovedAtOpen() throws Exception {
    int orphan = db.engine.createTablespace("s/leftover.ibd");
    assertThat(orphan).isPositive();
    db.reopen();
    assertThat(ibdFiles()).isEmpty();
  }

  @Test
  void ddlRunsWhileOtherTablesTakeWrites() throws Exception {
    db.dictionary.createSchema(schema("s"));
    Table busy =
        db.dictionary.createTable(
            table("s", "busy").autoIncrement("id").intColumn("v", true).primaryKey("id").build());
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CompletableFuture<Long> writer =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              long n = 0;
              while (!stop.get()) {
                insert(busy, null, n);
                n++;
              }
              return n;
            });
    for (int i = 0; i < 20; i++) {
      db.dictionary.createTable(people("s", "t" + i));
      if (i % 3 == 0) {
        db.dictionary.renameTable("s", "t" + i, "s", "r" + i);
      } else if (i % 3 == 1) {
        db.dictionary.dropTable("s", "t" + i);
      }
    }
    stop.set(true);
    long inserted = writer.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(busy.rowCount()).isEqualTo(inserted);
    assertThat(busy.autoIncrement()).isEqualTo(inserted + 1);
    db.reopen();
    assertThat(db.dictionary.tableNames("s")).hasSize(1 + 13);
    assertThat(db.dictionary.table("s", "busy").orElseThrow().autoIncrement())
        .isEqualTo(inserted + 1);
  }

  @Test
  void systemTablesLiveInMysqlIbdSurviveReopenAndRefuseDdl() throws Exception {
    Table t = db.dictionary.createSystemTable(people("mysql", "grants"));
    assertThat(Dictionary.isSystemTable(t)).isTrue();
    insert(t, 1, "root", 30);
    assertThat(ibdFiles()).isEmpty();

    db.reopen();
    Table again = db.dictionary.table("mysql", "grants").orElseThrow();
    assertThat(rows(again)).extracting(r -> r[1]).containsExactly("root");
    assertThat(again.check().problems()).isEmpty();
    assertThatThrownBy(() -> db.dictionary.dropTable("mysql", "grants"))
        .isInstanceOf(SystemTableException.class);
    assertThatThrownBy(() -> db.dictionary.replaceTable(again.definition(), null))
        .isInstanceOf(SystemTableException.class);
    assertThatThrownBy(() -> db.dictionary.renameTable("mysql", "grants", "mysql", "g2"))
        .isInstanceOf(SystemTableException.class);
    assertThat(rows(again)).hasSize(1);
  }
}
