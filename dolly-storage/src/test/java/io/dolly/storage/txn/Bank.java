package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A crash-test workload: accounts with a fixed total, and an insert-only journal of transfers, each
 * transfer (two updates and its journal row) in one transaction. Replaying the journal over the
 * initial balances must give the balances exactly: a transfer is all there or not at all.
 */
record Bank(BTree accounts, BTree journal) {
  static final int ACCOUNTS = 20;
  static final long INITIAL = 1000;

  static Bank create(StorageEngine engine, TransactionManager txns) {
    BTree accounts = TxnFixture.createTree(engine, "test/bank.ibd");
    BTree journal = TxnFixture.createTree(engine, accounts.spaceId());
    try (Transaction t = txns.begin()) {
      for (int i = 0; i < ACCOUNTS; i++) {
        t.insert(accounts, key(i), TxnFixture.row(INITIAL));
      }
      t.commit();
    }
    return new Bank(accounts, journal);
  }

  Bank reopen(StorageEngine engine) {
    return new Bank(TxnFixture.reopen(engine, accounts), TxnFixture.reopen(engine, journal));
  }

  static byte[] entry(int from, int to, long amount) {
    return ByteBuffer.allocate(13 + 24)
        .putLong(13, from)
        .putLong(21, to)
        .putLong(29, amount)
        .array();
  }

  /** One transfer; returns false when it was chosen as a deadlock victim (nothing changed). */
  boolean transfer(TransactionManager txns, SplittableRandom rnd, long journalKey, int lo, int hi) {
    int from = lo + rnd.nextInt(hi - lo);
    int to = lo + rnd.nextInt(hi - lo);
    long amount = 1 + rnd.nextInt(50);
    Transaction t = txns.begin();
    try {
      t.statementBegin();
      long a = TxnFixture.value(t.readForUpdate(accounts, key(from)));
      t.update(accounts, key(from), TxnFixture.row(a - amount));
      long b = TxnFixture.value(t.readForUpdate(accounts, key(to)));
      t.update(accounts, key(to), TxnFixture.row(b + amount));
      if (rnd.nextInt(4) == 0) {
        // a change undone by a savepoint rollback: a crash may hit the undo or the truncation
        t.savepoint("detour");
        t.update(accounts, key(from), TxnFixture.row(999_999));
        t.insert(journal, key(journalKey), entry(from, to, 999_999));
        t.rollbackToSavepoint("detour");
      }
      t.insert(journal, key(journalKey), entry(from, to, amount));
      t.statementEnd();
      t.commit();
      return true;
    } catch (DeadlockException e) {
      return false;
    } finally {
      t.close();
    }
  }

  /** Checks the total, the journal replay, the acknowledged entries and the trees. */
  void verify(Set<Long> acknowledged, String context) {
    long[] expected = new long[ACCOUNTS];
    java.util.Arrays.fill(expected, INITIAL);
    java.util.Set<Long> present = new java.util.HashSet<>();
    try (var c = journal.scan()) {
      while (c.next()) {
        ByteBuffer v = ByteBuffer.wrap(c.value());
        present.add(ByteBuffer.wrap(c.key()).getLong());
        expected[(int) v.getLong(13)] -= v.getLong(29);
        expected[(int) v.getLong(21)] += v.getLong(29);
      }
    }
    long total = 0;
    long[] actual = new long[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      actual[i] = TxnFixture.value(accounts.get(key(i)));
      total += actual[i];
    }
    assertThat(total).as(context + ": total").isEqualTo(ACCOUNTS * INITIAL);
    assertThat(actual).as(context + ": balances = journal replay").isEqualTo(expected);
    assertThat(present).as(context + ": acknowledged commits").containsAll(acknowledged);
    assertThat(accounts.verify().ok()).as(context).isTrue();
    assertThat(journal.verify().ok()).as(context).isTrue();
  }
}
