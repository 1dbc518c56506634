package io.dolly.storage.catalog;

import static io.dolly.storage.catalog.CatalogFixture.schema;
import static io.dolly.storage.catalog.CatalogFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dolly.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random transactions of inserts, updates and deletes against a table with a unique and a
 * non-unique secondary index and, side by side, an in-memory model; each transaction commits, rolls
 * back, or rolls back its last statement. After every round the table's scans (clustered and both
 * secondaries, with bounds) must equal the model, and CHECK must pass; the engine is reopened now
 * and then. {@code -Ddolly.tablemodel.seed=} replays a run.
 */
class TableModelTest {
  /** Primary keys are drawn from [0, IDS): enough rows with long names for multi-level trees. */
  private static final int IDS = 200;

  @TempDir Path dir;

  private static final Comparator<Object[]> BY_U =
      Comparator.comparing((Object[] r) -> (Long) r[1], Comparator.nullsFirst(Long::compare))
          .thenComparing(r -> (Long) r[0]);
  private static final Comparator<Object[]> BY_G_NAME =
      Comparator.comparing((Object[] r) -> (Long) r[2])
          .thenComparing(r -> (String) r[3])
          .thenComparing(r -> (Long) r[0]);

  @Test
  void tableMatchesModel() {
    long seed = CatalogFixture.seed("dolly.tablemodel");
    SplittableRandom rnd = new SplittableRandom(seed);
    try (CatalogFixture db = new CatalogFixture(dir)) {
      db.dictionary.createSchema(schema("m"));
      db.dictionary.createTable(
          table("m", "t")
              .bigintColumn("id", false)
              .bigintColumn("u", true)
              .bigintColumn("g", false)
              .varchar("name", 300, false)
              .varchar("pad", 2000, true)
              .primaryKey("id")
              .index("uq", IndexKind.UNIQUE, "u")
              .index("g_name", IndexKind.INDEX, "g", "name")
              .build());
      TreeMap<Long, Object[]> model = new TreeMap<>();
      int rounds = Integer.getInteger("dolly.tablemodel.rounds", 300);
      for (int round = 0; round < rounds; round++) {
        String context = "seed=" + seed + " round " + round;
        Table t = db.dictionary.table("m", "t").orElseThrow();
        TreeMap<Long, Object[]> draft = new TreeMap<>(model);
        try (Transaction trx = db.txns.begin()) {
          int statements = 1 + rnd.nextInt(6);
          for (int s = 0; s < statements; s++) {
            trx.statementBegin();
            TreeMap<Long, Object[]> before = new TreeMap<>(draft);
            step(t, trx, draft, rnd, context);
            if (rnd.nextInt(10) == 0) {
              trx.statementRollback();
              draft = before;
            } else {
              trx.statementEnd();
            }
          }
          if (rnd.nextInt(4) == 0) {
            trx.rollback();
          } else {
            trx.commit();
            model = draft;
          }
        }
        verify(t, model, rnd, context);
        if (rnd.nextInt(60) == 0) {
          db.reopen();
        }
      }
      Table t = db.dictionary.table("m", "t").orElseThrow();
      assertThat(t.check().problems()).as("seed=" + seed).isEmpty();
      System.out.println(
          model.size()
              + " rows, "
              + t.dataPages()
              + " clustered pages, "
              + t.indexPages()
              + " index pages");
    }
  }

  private static Object[] randomRow(SplittableRandom rnd, long id) {
    Long u = rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(60);
    return new Object[] {
      id,
      u,
      (long) rnd.nextInt(5),
      // Long names now and then make the trees split into several levels.
      "n"
          + (char) ('a' + rnd.nextInt(26))
          + rnd.nextInt(10)
          + (rnd.nextInt(3) == 0 ? "x".repeat(250) : ""),
      rnd.nextBoolean() ? null : "p".repeat(rnd.nextInt(1500))
    };
  }

  /** One statement on the table and the same on the draft model; refusals must match. */
  private static void step(
      Table t, Transaction trx, TreeMap<Long, Object[]> draft, SplittableRandom rnd, String ctx) {
    int op = rnd.nextInt(10);
    if (op < 5 || draft.isEmpty()) {
      Object[] row = randomRow(rnd, rnd.nextInt(IDS));
      String expected = conflict(draft, row, null);
      try {
        t.insert(trx, row.clone());
        assertThat(expected).as(ctx + " insert " + java.util.Arrays.toString(row)).isNull();
        draft.put((Long) row[0], row);
      } catch (DuplicateKeyException e) {
        assertThat(e.indexName())
            .as(ctx + " insert " + java.util.Arrays.toString(row))
            .isEqualTo(expected);
      }
      return;
    }
    Object[] old = pick(draft, rnd);
    if (op < 8) {
      Object[] row = randomRow(rnd, rnd.nextInt(3) == 0 ? rnd.nextInt(IDS) : (Long) old[0]);
      String expected = conflict(draft, row, (Long) old[0]);
      try {
        assertThat(t.update(trx, old, row.clone())).as(ctx).isTrue();
        assertThat(expected).as(ctx + " update to " + java.util.Arrays.toString(row)).isNull();
        draft.remove((Long) old[0]);
        draft.put((Long) row[0], row);
      } catch (DuplicateKeyException e) {
        assertThat(e.indexName()).as(ctx + " update").isEqualTo(expected);
      }
    } else {
      assertThat(t.delete(trx, old)).as(ctx).isTrue();
      draft.remove((Long) old[0]);
      assertThat(t.delete(trx, old)).as(ctx + " second delete").isFalse();
    }
  }

  /** The index a row would collide with (the row {@code self} excepted), or null. */
  private static String conflict(TreeMap<Long, Object[]> rows, Object[] row, Long self) {
    if (rows.containsKey((Long) row[0]) && !row[0].equals(self)) {
      return "PRIMARY";
    }
    if (row[1] != null) {
      for (Object[] r : rows.values()) {
        if (row[1].equals(r[1]) && !r[0].equals(self)) {
          return "uq";
        }
      }
    }
    return null;
  }

  private static Object[] pick(TreeMap<Long, Object[]> rows, SplittableRandom rnd) {
    Long k = rows.ceilingKey((long) rnd.nextInt(IDS));
    return rows.get(k == null ? rows.firstKey() : k);
  }

  private static void verify(
      Table t, TreeMap<Long, Object[]> model, SplittableRandom rnd, String ctx) {
    List<Object[]> all = new ArrayList<>(model.values());
    assertRows(scan(t, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true), all, ctx + " primary");
    List<Object[]> byU = new ArrayList<>(all);
    byU.sort(BY_U);
    assertRows(scan(t, "uq", KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true), byU, ctx + " uq");
    long g = rnd.nextInt(5);
    List<Object[]> inG = new ArrayList<>(all.stream().filter(r -> r[2].equals(g)).toList());
    inG.sort(BY_G_NAME.reversed());
    assertRows(
        scan(t, "g_name", KeyBound.inclusive(g), KeyBound.inclusive(g), false),
        inG,
        ctx + " g_name g=" + g);
    long lo = rnd.nextInt(IDS);
    List<Object[]> above = new ArrayList<>(model.tailMap(lo, false).values());
    assertRows(
        scan(t, null, KeyBound.exclusive(lo), KeyBound.UNBOUNDED, true), above, ctx + " id>" + lo);
    assertThat(t.rowCount()).as(ctx).isEqualTo(model.size());
  }

  private static List<Object[]> scan(
      Table t, String index, KeyBound from, KeyBound to, boolean ascending) {
    List<Object[]> out = new ArrayList<>();
    try (RowCursor c = t.scan(null, index, from, to, ascending, ReadMode.CONSISTENT)) {
      while (c.next()) {
        out.add(c.row());
      }
    }
    return out;
  }

  private static void assertRows(List<Object[]> actual, List<Object[]> expected, String ctx) {
    if (actual.size() != expected.size()) {
      fail(ctx + ": " + actual.size() + " rows, expected " + expected.size());
    }
    for (int i = 0; i < actual.size(); i++) {
      if (!java.util.Arrays.equals(actual.get(i), expected.get(i))) {
        fail(
            ctx
                + " row "
                + i
                + ": "
                + java.util.Arrays.toString(actual.get(i))
                + " expected "
                + java.util.Arrays.toString(expected.get(i)));
      }
    }
  }
}
