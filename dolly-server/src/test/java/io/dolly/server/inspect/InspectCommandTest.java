package io.dolly.server.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
  @TempDir Path datadir;

  private record Run(int exit, String out) {}

  private static Run inspect(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new InspectCommand()).execute(args);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void dumpsPagesRedoAndFindsTheDamagedPage() throws Exception {
    int spaceId;
    int pageNo;
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      spaceId = engine.createTablespace("shop/orders.ibd");
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle page = mtr.allocatePage(spaceId, PageType.BTREE_NODE);
        page.putLong(PageHeader.BODY_START, 42);
        pageNo = page.pageNo();
        mtr.commit();
      }
    }
    Path file = datadir.resolve("shop/orders.ibd");

    Run page = inspect("page", file.toString(), String.valueOf(pageNo));
    assertThat(page.exit()).isZero();
    assertThat(page.out()).contains("space " + spaceId + " page " + pageNo).contains("(ok)");

    Run space = inspect("space", file.toString());
    assertThat(space.exit()).isZero();
    assertThat(space.out()).contains("space " + spaceId + ", page size 16384");

    Run redo = inspect("redo", datadir.toString(), "--from", "8192");
    assertThat(redo.exit()).isZero();
    assertThat(redo.out()).contains("checkpoint").contains("records, pages");

    assertThat(inspect("check", datadir.toString()).exit()).isZero();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = (long) pageNo * 16384 + 100;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x5a);
    }
    Run check = inspect("check", datadir.toString());
    assertThat(check.exit()).isEqualTo(2);
    assertThat(check.out())
        .contains("CORRUPT " + file + " page " + pageNo)
        .contains("checksum mismatch")
        .contains("1 damaged pages");
  }

  @Test
  void checkVerifiesEveryTableThroughTheDictionary() throws Exception {
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      TransactionManager txns = TransactionManager.open(engine);
      Dictionary dictionary = Dictionary.open(engine, txns);
      dictionary.createSchema(
          new SchemaDefinition("shop", "utf8mb4", "utf8mb4_0900_ai_ci", false, false));
      ColumnSpec bigint = ColumnSpec.integer(ColumnKind.BIGINT, false, false);
      Table t =
          dictionary.createTable(
              new TableDefinition(
                  "shop",
                  "orders",
                  List.of(
                      new ColumnDefinition("id", bigint, "bigint", false, null, false, ""),
                      new ColumnDefinition("qty", bigint, "bigint", false, null, false, "")),
                  List.of(
                      IndexDefinition.of("PRIMARY", IndexKind.PRIMARY, "id"),
                      IndexDefinition.of("by_qty", IndexKind.INDEX, "qty")),
                  Map.of()));
      try (Transaction trx = txns.begin()) {
        for (long i = 0; i < 50; i++) {
          t.insert(trx, new Object[] {i, i * 2});
        }
        trx.commit();
      }
      dictionary.createTable(
          new TableDefinition(
              "shop",
              "empty",
              List.of(new ColumnDefinition("id", bigint, "bigint", false, null, false, "")),
              List.of(),
              Map.of()));
    }
    Run ok = inspect("check", datadir.toString());
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out())
        .contains("OK      table shop.orders (shop/orders.ibd): 50 rows")
        .contains("OK      table shop.empty (shop/empty.ibd): 0 rows")
        .contains("2 tables checked, 0 with problems");

    // Remove one secondary entry behind the table's back: the pages stay valid, the index does
    // not. The index tree is the second one built in the table's file (root page 2).
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      TransactionManager txns = TransactionManager.open(engine);
      Table t = Dictionary.open(engine, txns).table("shop", "orders").orElseThrow();
      BTree byQty = BTree.open(engine::beginMiniTransaction, t.spaceId(), 2);
      try (BTreeCursor c = byQty.scan()) {
        assertThat(c.next()).isTrue();
        byQty.delete(c.key());
      }
    }
    Run bad = inspect("check", datadir.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out())
        .contains("FAILED  table shop.orders (shop/orders.ibd): 50 rows")
        .contains("has no entry in index by_qty")
        .contains("2 tables checked, 1 with problems");
  }

  @Test
  void tablesAreSkippedWhileRedoAwaitsRecovery() {
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      TransactionManager txns = TransactionManager.open(engine);
      // The dictionary's creation is redo the files do not reflect until a checkpoint.
      Dictionary.open(engine, txns)
          .createSchema(new SchemaDefinition("s", "utf8mb4", "utf8mb4_0900_ai_ci", false, false));
      Run run = inspect("check", datadir.toString());
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("SKIPPED tables: the redo log has changes");
    }
    assertThat(inspect("check", datadir.toString()).out()).contains("0 tables checked");
  }
}
