package io.dolly.clone.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.txn.DeadlockException;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A transactional workload with checkable invariants: {@link #ACCOUNTS} balances with a fixed
 * total, and an insert-only journal with one row per transfer, written in the transfer's
 * transaction. A state is consistent when the total holds and replaying the journal over the
 * initial balances gives the balances exactly. Account {@link #ESCROW} is only ever changed by
 * transactions that never commit before the clones end.
 */
record Ledger(BTree accounts, BTree journal) {
  static final int ACCOUNTS = 20;
  static final int ESCROW = ACCOUNTS;
  static final long INITIAL = 1000;
  private static final int ROW_HEADER = 13;

  static Ledger create(StorageEngine engine, TransactionManager txns) {
    int space = engine.createTablespace("bank/ledger.ibd");
    BTree accounts = tree(engine, space);
    BTree journal = tree(engine, space);
    try (Transaction t = txns.begin()) {
      for (int i = 0; i <= ESCROW; i++) {
        t.insert(accounts, key(i), row(INITIAL));
      }
      t.commit();
    }
    return new Ledger(accounts, journal);
  }

  private static BTree tree(StorageEngine engine, int space) {
    int root;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      root = BTree.create(mtr, space);
      mtr.commit();
    }
    return BTree.open(engine::beginMiniTransaction, space, root);
  }

  /** The same trees in another engine (a clone). */
  Ledger in(StorageEngine engine) {
    return new Ledger(
        BTree.open(engine::beginMiniTransaction, accounts.spaceId(), accounts.rootPageNo()),
        BTree.open(engine::beginMiniTransaction, journal.spaceId(), journal.rootPageNo()));
  }

  static byte[] key(long k) {
    return ByteBuffer.allocate(8).putLong(k).array();
  }

  static byte[] row(long value) {
    return ByteBuffer.allocate(ROW_HEADER + 8).putLong(ROW_HEADER, value).array();
  }

  static long value(byte[] row) {
    return ByteBuffer.wrap(row).getLong(ROW_HEADER);
  }

  private static byte[] entry(int from, int to, long amount) {
    return ByteBuffer.allocate(ROW_HEADER + 16)
        .putInt(ROW_HEADER, from)
        .putInt(ROW_HEADER + 4, to)
        .putLong(ROW_HEADER + 8, amount)
        .array();
  }

  /** One transfer with journal row {@code journalKey}; false when it lost a deadlock. */
  boolean transfer(TransactionManager txns, SplittableRandom rnd, long journalKey) {
    int from = rnd.nextInt(ACCOUNTS);
    int to = rnd.nextInt(ACCOUNTS);
    long amount = 1 + rnd.nextInt(100);
    try (Transaction t = txns.begin()) {
      long a = value(t.readForUpdate(accounts, key(from)));
      t.update(accounts, key(from), row(a - amount));
      long b = value(t.readForUpdate(accounts, key(to)));
      t.update(accounts, key(to), row(b + amount));
      t.insert(journal, key(journalKey), entry(from, to, amount));
      t.commit();
      return true;
    } catch (DeadlockException e) {
      return false;
    }
  }

  /**
   * A transaction left open: moves the escrow and journals rows at {@code keys}; the caller rolls
   * it back after the clones (so it was uncommitted at every end LSN).
   */
  Transaction openUncommitted(TransactionManager txns, long firstKey, int rows) {
    Transaction t = txns.begin();
    t.update(accounts, key(ESCROW), row(-1));
    for (int i = 0; i < rows; i++) {
      t.insert(journal, key(firstKey + i), entry(0, 1, 1_000_000));
    }
    return t;
  }

  /** Checks the invariants; returns the journal keys present. */
  Set<Long> verify(String context) {
    long[] expected = new long[ACCOUNTS];
    java.util.Arrays.fill(expected, INITIAL);
    Set<Long> present = new HashSet<>();
    try (var c = journal.scan()) {
      while (c.next()) {
        ByteBuffer v = ByteBuffer.wrap(c.value());
        present.add(ByteBuffer.wrap(c.key()).getLong());
        expected[v.getInt(ROW_HEADER)] -= v.getLong(ROW_HEADER + 8);
        expected[v.getInt(ROW_HEADER + 4)] += v.getLong(ROW_HEADER + 8);
      }
    }
    long[] actual = new long[ACCOUNTS];
    long total = 0;
    for (int i = 0; i < ACCOUNTS; i++) {
      actual[i] = value(accounts.get(key(i)));
      total += actual[i];
    }
    assertThat(total).as(context + ": total").isEqualTo(ACCOUNTS * INITIAL);
    assertThat(actual).as(context + ": balances = journal replay").isEqualTo(expected);
    assertThat(value(accounts.get(key(ESCROW)))).as(context + ": escrow").isEqualTo(INITIAL);
    assertThat(accounts.verify().ok()).as(context + ": accounts tree").isTrue();
    assertThat(journal.verify().ok()).as(context + ": journal tree").isTrue();
    return present;
  }
}
