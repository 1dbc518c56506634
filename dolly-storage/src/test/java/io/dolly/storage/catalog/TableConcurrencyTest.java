package io.dolly.storage.catalog;

import static io.dolly.storage.catalog.CatalogFixture.schema;
import static io.dolly.storage.catalog.CatalogFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.txn.DeadlockException;
import io.dolly.storage.txn.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads move money between accounts (read FOR UPDATE, two updates that also move the rows in a
 * secondary index on the balance, a journal row with an AUTO_INCREMENT id) while readers scan
 * without locks. No update may be lost: the total stays the same, the journal has exactly the
 * committed transfers with distinct ids, and every index agrees with the rows.
 */
@Timeout(120)
class TableConcurrencyTest {
  static final int ACCOUNTS = 12;
  static final long INITIAL = 1_000;

  @TempDir Path dir;

  @Test
  void concurrentTransfersLoseNoUpdate() throws Exception {
    long seed = CatalogFixture.seed("dolly.tabletransfer");
    try (CatalogFixture db = new CatalogFixture(dir)) {
      db.dictionary.createSchema(schema("bank"));
      Table accounts =
          db.dictionary.createTable(
              table("bank", "accounts")
                  .bigintColumn("id", false)
                  .bigintColumn("balance", false)
                  .primaryKey("id")
                  .index("by_balance", IndexKind.INDEX, "balance")
                  .build());
      Table journal =
          db.dictionary.createTable(
              table("bank", "journal")
                  .autoIncrement("id")
                  .bigintColumn("src", false)
                  .bigintColumn("dst", false)
                  .bigintColumn("amount", false)
                  .primaryKey("id")
                  .build());
      try (Transaction trx = db.txns.begin()) {
        for (long i = 0; i < ACCOUNTS; i++) {
          accounts.insert(trx, new Object[] {i, INITIAL});
        }
        trx.commit();
      }
      AtomicLong committed = new AtomicLong();
      AtomicLong deadlocks = new AtomicLong();
      ConcurrentLinkedQueue<Long> journalIds = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      int writers = 4;
      int transfersEach = 150;
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      List<Future<?>> futures = new ArrayList<>();
      SplittableRandom seeds = new SplittableRandom(seed);
      for (int w = 0; w < writers; w++) {
        SplittableRandom rnd = seeds.split();
        futures.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < transfersEach; ) {
                    try {
                      journalIds.add(transfer(db, accounts, journal, rnd));
                      committed.incrementAndGet();
                      n++;
                    } catch (DeadlockException e) {
                      deadlocks.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      futures.add(
          pool.submit(
              () -> {
                while (!stop.get()) {
                  try (Transaction trx = db.txns.begin();
                      RowCursor c =
                          accounts.scan(
                              trx,
                              "by_balance",
                              KeyBound.UNBOUNDED,
                              KeyBound.UNBOUNDED,
                              true,
                              ReadMode.CONSISTENT)) {
                    int rows = 0;
                    while (c.next()) {
                      rows++;
                    }
                    assertThat(rows).isLessThanOrEqualTo(ACCOUNTS);
                    trx.commit();
                  } catch (DeadlockException e) {
                    // a reader waiting on a writer can be a victim too
                  }
                }
                return null;
              }));
      for (int i = 0; i < writers; i++) {
        futures.get(i).get();
      }
      stop.set(true);
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      System.out.println(
          committed.get() + " transfers committed, " + deadlocks.get() + " deadlock victims");
      long total = 0;
      try (RowCursor c =
          accounts.scan(
              null, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
        while (c.next()) {
          total += (Long) c.row()[1];
        }
      }
      assertThat(total).as("seed=" + seed).isEqualTo(ACCOUNTS * INITIAL);
      assertThat(journal.rowCount()).isEqualTo(committed.get());
      Set<Long> ids = new HashSet<>(journalIds);
      assertThat(ids).hasSize(journalIds.size());
      assertThat(accounts.check().problems()).isEmpty();
      assertThat(journal.check().problems()).isEmpty();
      assertThat(db.txns.lockedKeys()).isZero();
    }
  }

  /**
   * Threads insert, move and delete rows whose unique column takes few values, committing or
   * rolling back: a value must never end up twice, whatever the interleaving.
   */
  @Test
  void concurrentWritersNeverDuplicateAUniqueValue() throws Exception {
    long seed = CatalogFixture.seed("dolly.tableunique");
    try (CatalogFixture db = new CatalogFixture(dir)) {
      db.dictionary.createSchema(schema("u"));
      Table t =
          db.dictionary.createTable(
              table("u", "t")
                  .bigintColumn("id", false)
                  .bigintColumn("v", true)
                  .primaryKey("id")
                  .index("uv", IndexKind.UNIQUE, "v")
                  .build());
      AtomicLong duplicates = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      SplittableRandom seeds = new SplittableRandom(seed);
      for (int w = 0; w < 4; w++) {
        SplittableRandom rnd = seeds.split();
        long base = w * 1_000L;
        futures.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 400; n++) {
                    try (Transaction trx = db.txns.begin()) {
                      long id = base + rnd.nextInt(40);
                      Long v = rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(30);
                      java.util.Optional<Object[]> old =
                          t.lookup(trx, null, new Object[] {id}, ReadMode.EXCLUSIVE);
                      if (old.isEmpty()) {
                        t.insert(trx, new Object[] {id, v});
                      } else if (rnd.nextBoolean()) {
                        t.update(trx, old.get(), new Object[] {id, v});
                      } else {
                        t.delete(trx, old.get());
                      }
                      // Held open a moment, so that others meet its uncommitted changes.
                      Thread.sleep(rnd.nextInt(3));
                      if (rnd.nextInt(4) == 0) {
                        trx.rollback();
                      } else {
                        trx.commit();
                      }
                    } catch (DuplicateKeyException e) {
                      duplicates.incrementAndGet();
                    } catch (DeadlockException e) {
                      // the victim's work is undone; try the next one
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      Set<Long> values = new HashSet<>();
      long rows = 0;
      try (RowCursor c =
          t.scan(null, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
        while (c.next()) {
          rows++;
          Object v = c.row()[1];
          if (v != null) {
            assertThat(values.add((Long) v)).as("seed=" + seed + " value " + v + " twice").isTrue();
          }
        }
      }
      System.out.println(rows + " rows, " + duplicates.get() + " duplicates refused");
      assertThat(duplicates.get()).as("the values are few: collisions must happen").isPositive();
      assertThat(t.check().problems()).as("seed=" + seed).isEmpty();
      assertThat(db.txns.lockedKeys()).isZero();
    }
  }

  /** One transfer in one transaction; returns the journal id it used. */
  private static long transfer(
      CatalogFixture db, Table accounts, Table journal, SplittableRandom rnd) {
    long from = rnd.nextInt(ACCOUNTS);
    long to = rnd.nextInt(ACCOUNTS);
    long amount = 1 + rnd.nextInt(20);
    try (Transaction trx = db.txns.begin()) {
      Object[] a =
          accounts.lookup(trx, null, new Object[] {from}, ReadMode.EXCLUSIVE).orElseThrow();
      accounts.update(trx, a, new Object[] {from, (Long) a[1] - amount});
      Object[] b = accounts.lookup(trx, null, new Object[] {to}, ReadMode.EXCLUSIVE).orElseThrow();
      accounts.update(trx, b, new Object[] {to, (Long) b[1] + amount});
      long id = journal.insert(trx, new Object[] {null, from, to, amount});
      trx.commit();
      return id;
    }
  }
}
