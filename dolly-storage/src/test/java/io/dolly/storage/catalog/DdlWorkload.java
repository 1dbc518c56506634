package io.dolly.storage.catalog;

import static io.dolly.storage.catalog.CatalogFixture.table;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link DdlKillCrashTest}: opens (and so recovers) a data directory, then
 * runs DDL in schema {@code d} until it is killed: CREATE TABLE (then filled with {@link #ROWS}
 * rows in one transaction), DROP, RENAME, TRUNCATE and a copying ALTER. Before each DDL it prints
 * {@code BEGIN <op> <names>} and after it returned {@code ACK .}; a table holds 0 or {@link #ROWS}
 * rows.
 */
public final class DdlWorkload {
  static final int ROWS = 20;
  static final String SCHEMA = "d";

  private DdlWorkload() {}

  static TableDefinition definition(String name) {
    return table(SCHEMA, name)
        .bigintColumn("id", false)
        .varchar("v", 30, true)
        .primaryKey("id")
        .index("by_v", IndexKind.UNIQUE, "v")
        .build();
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[1]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    StorageEngine engine = StorageEngine.open(dir, CatalogFixture.config());
    TransactionManager txns = TransactionManager.open(engine);
    Dictionary dictionary = Dictionary.open(engine, txns);
    if (dictionary.schema(SCHEMA).isEmpty()) {
      dictionary.createSchema(CatalogFixture.schema(SCHEMA));
    }
    out.println("READY");
    while (true) {
      List<String> names = dictionary.tableNames(SCHEMA);
      int op = rnd.nextInt(names.size() < 3 ? 2 : 7);
      String fresh = "t" + Long.toHexString(rnd.nextLong() & 0xFFFFFFFFL);
      if (op <= 1 || names.isEmpty()) {
        out.println("BEGIN CREATE " + fresh);
        Table t = dictionary.createTable(definition(fresh));
        fill(txns, t);
      } else {
        String name = names.get(rnd.nextInt(names.size()));
        switch (op) {
          case 2 -> {
            out.println("BEGIN DROP " + name);
            dictionary.dropTable(SCHEMA, name);
          }
          case 3 -> {
            out.println("BEGIN RENAME " + name + " " + fresh);
            dictionary.renameTable(SCHEMA, name, SCHEMA, fresh);
          }
          case 4 -> {
            out.println("BEGIN TRUNCATE " + name);
            dictionary.replaceTable(definition(name), null);
          }
          case 5 -> {
            out.println("BEGIN ALTER " + name);
            dictionary.replaceTable(definition(name), (from, to) -> copy(txns, from, to));
          }
          default -> {
            if (rnd.nextInt(3) != 0) {
              out.println("BEGIN RENAME " + name + " " + fresh);
              dictionary.renameTable(SCHEMA, name, SCHEMA, fresh);
            } else {
              out.println("BEGIN DROPSCHEMA " + SCHEMA);
              dictionary.dropSchema(SCHEMA);
              out.println("ACK .");
              out.println("BEGIN CREATESCHEMA " + SCHEMA);
              dictionary.createSchema(CatalogFixture.schema(SCHEMA));
            }
          }
        }
      }
      out.println("ACK .");
    }
  }

  private static void fill(TransactionManager txns, Table t) {
    try (Transaction trx = txns.begin()) {
      for (long i = 0; i < ROWS; i++) {
        t.insert(trx, new Object[] {i, "v" + i});
      }
      trx.commit();
    }
  }

  private static void copy(TransactionManager txns, Table from, Table to) {
    try (Transaction trx = txns.begin();
        RowCursor c =
            from.scan(trx, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.SHARED)) {
      while (c.next()) {
        to.insert(trx, c.row().clone());
      }
      trx.commit();
    }
  }
}
