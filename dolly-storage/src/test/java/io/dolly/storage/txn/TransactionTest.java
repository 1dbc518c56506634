package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static io.dolly.storage.txn.TxnFixture.row;
import static io.dolly.storage.txn.TxnFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.DuplicateKeyException;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.record.RowFormat;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {
  @TempDir Path dir;
  StorageEngine engine;
  TransactionManager txns;
  BTree tree;

  @BeforeEach
  void open() {
    engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    txns = TransactionManager.open(engine);
    tree = TxnFixture.createTree(engine, "test/t.ibd");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Long get(long k) {
    byte[] v = tree.get(key(k));
    return v == null ? null : value(v);
  }

  @Test
  void commitKeepsChangesAndStampsRows() {
    Transaction t = txns.begin();
    t.insert(tree, key(1), row(10));
    t.insert(tree, key(2), row(20));
    t.commit();
    byte[] stored = tree.get(key(1));
    assertThat(RowFormat.trxId(stored)).isEqualTo(t.id());
    RollPointer rp = RollPointer.decode(RowFormat.rollPointer(stored));
    assertThat(rp.spaceId()).isIn(1, 2);
    assertThat(get(1)).isEqualTo(10);
    assertThat(get(2)).isEqualTo(20);
    assertThat(txns.activeCount()).isZero();
    assertThat(txns.lockedKeys()).isZero();
  }

  @Test
  void rollPointerLeadsToTheUndoRecordOfThePreviousVersion() {
    try (Transaction t = txns.begin()) {
      t.insert(tree, key(1), row(1));
      t.commit();
    }
    byte[] before = tree.get(key(1));
    Transaction t = txns.begin();
    t.update(tree, key(1), row(2));
    RollPointer rp = RollPointer.decode(RowFormat.rollPointer(tree.get(key(1))));
    try (var mtr = engine.beginMiniTransaction()) {
      UndoRecord r = UndoRecord.read(mtr, mtr.readPage(rp.spaceId(), rp.pageNo()), rp.offset());
      assertThat(r.spaceId()).isEqualTo(tree.spaceId());
      assertThat(r.rootPageNo()).isEqualTo(tree.rootPageNo());
      assertThat(r.key()).isEqualTo(key(1));
      assertThat(r.oldValue()).isEqualTo(before);
    }
    t.rollback();
    assertThat(tree.get(key(1))).isEqualTo(before);
  }

  @Test
  void rollbackRestoresInsertsUpdatesAndDeletes() {
    try (Transaction t = txns.begin()) {
      t.insert(tree, key(1), row(1));
      t.insert(tree, key(2), row(2));
      t.commit();
    }
    Transaction t = txns.begin();
    assertThat(t.update(tree, key(1), row(100))).isTrue();
    assertThat(t.delete(tree, key(2))).isTrue();
    t.insert(tree, key(3), row(3));
    assertThat(t.update(tree, key(9), row(9))).isFalse();
    assertThat(get(1)).isEqualTo(100);
    t.rollback();
    assertThat(get(1)).isEqualTo(1);
    assertThat(get(2)).isEqualTo(2);
    assertThat(get(3)).isNull();
    assertThat(t.isActive()).isFalse();
    assertThatThrownBy(() -> t.insert(tree, key(4), row(4)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void entriesAreUpdatedAsGivenAndRolledBack() {
    try (Transaction t = txns.begin()) {
      t.insertEntry(tree, key(1), new byte[] {1});
      t.commit();
    }
    try (Transaction t = txns.begin()) {
      assertThat(t.updateEntry(tree, key(1), new byte[] {2, 2})).isTrue();
      assertThat(t.updateEntry(tree, key(9), new byte[] {2})).isFalse();
      assertThat(tree.get(key(1))).containsExactly(2, 2);
      t.rollback();
    }
    assertThat(tree.get(key(1))).containsExactly(1);
  }

  @Test
  void committedReadsKeepNoLockUnlessOneWasHeld() {
    try (Transaction w = txns.begin()) {
      w.insert(tree, key(1), row(1));
      w.commit();
    }
    try (Transaction r = txns.begin()) {
      assertThat(value(r.readCommitted(tree, key(1)))).isEqualTo(1);
      assertThat(txns.lockedKeys()).isZero();
      r.readForUpdate(tree, key(1));
      assertThat(value(r.readCommitted(tree, key(1)))).isEqualTo(1);
      // The exclusive lock taken before stays.
      assertThat(txns.lockedKeys()).isEqualTo(1);
      try (LockingCursor c = r.scanCommitted(tree, null, true, null, true, true)) {
        assertThat(c.next()).isTrue();
        assertThat(c.next()).isFalse();
      }
      r.commit();
    }
    assertThat(txns.lockedKeys()).isZero();
  }

  @Test
  void duplicateInsertChangesNothing() {
    Transaction t = txns.begin();
    t.insert(tree, key(1), row(1));
    assertThatThrownBy(() -> t.insert(tree, key(1), row(2)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(get(1)).isEqualTo(1);
    t.commit();
  }

  @Test
  void savepointsUndoOnlyLaterChanges() {
    Transaction t = txns.begin();
    t.insert(tree, key(1), row(1));
    t.savepoint("a");
    t.update(tree, key(1), row(2));
    t.insert(tree, key(2), row(2));
    t.savepoint("b");
    t.delete(tree, key(1));
    t.rollbackToSavepoint("b");
    assertThat(get(1)).isEqualTo(2);
    t.rollbackToSavepoint("a");
    assertThat(get(1)).isEqualTo(1);
    assertThat(get(2)).isNull();
    assertThatThrownBy(() -> t.rollbackToSavepoint("b"))
        .isInstanceOf(NoSuchSavepointException.class);
    t.insert(tree, key(3), row(3));
    t.releaseSavepoint("a");
    assertThatThrownBy(() -> t.releaseSavepoint("a")).isInstanceOf(NoSuchSavepointException.class);
    t.commit();
    assertThat(get(1)).isEqualTo(1);
    assertThat(get(3)).isEqualTo(3);
  }

  @Test
  void statementRollbackUndoesOnlyTheFailedStatement() {
    Transaction t = txns.begin();
    t.statementBegin();
    t.insert(tree, key(1), row(1));
    t.statementEnd();
    t.statementBegin();
    t.insert(tree, key(2), row(2));
    t.update(tree, key(1), row(5));
    assertThatThrownBy(() -> t.insert(tree, key(2), row(3)))
        .isInstanceOf(DuplicateKeyException.class);
    t.statementRollback();
    assertThat(get(1)).isEqualTo(1);
    assertThat(get(2)).isNull();
    t.commit();
    assertThat(get(1)).isEqualTo(1);
  }

  @Test
  void randomTransactionsMatchAModel() {
    long seed = TxnFixture.seed("txn.model");
    SplittableRandom rnd = new SplittableRandom(seed);
    BTree second = TxnFixture.createTree(engine, tree.spaceId());
    TreeMap<Long, Long> committed = new TreeMap<>();
    for (int round = 0; round < TxnFixture.rounds("txn.model", 30); round++) {
      TreeMap<Long, Long> working = new TreeMap<>(committed);
      TreeMap<Long, Long> atSavepoint = null;
      Transaction t = txns.begin();
      int ops = 1 + rnd.nextInt(round % 5 == 0 ? 2000 : 50);
      for (int i = 0; i < ops; i++) {
        long k = rnd.nextInt(500);
        int op = rnd.nextInt(10);
        if (op < 4) {
          if (working.containsKey(k)) {
            t.update(tree, key(k), row(i));
          } else {
            t.insert(tree, key(k), row(i));
          }
          working.put(k, (long) i);
        } else if (op < 6) {
          assertThat(t.delete(tree, key(k))).isEqualTo(working.remove(k) != null);
        } else if (op < 8) {
          // a wide secondary entry, so that undo logs span several pages
          byte[] wide = new byte[300];
          wide[0] = (byte) k;
          wide[1] = (byte) (k >> 8);
          if (second.get(wide) == null) {
            t.insertEntry(second, wide, new byte[0]);
          }
        } else if (op == 8 && atSavepoint == null) {
          t.savepoint("s");
          atSavepoint = new TreeMap<>(working);
        } else if (op == 9 && atSavepoint != null) {
          t.rollbackToSavepoint("s");
          working = new TreeMap<>(atSavepoint);
        }
      }
      if (rnd.nextBoolean()) {
        t.commit();
        committed = working;
      } else {
        t.rollback();
      }
      assertThat(second.count()).as("seed=" + seed).isLessThanOrEqualTo(500);
      TreeMap<Long, Long> actual = new TreeMap<>();
      try (var c = tree.scan()) {
        while (c.next()) {
          actual.put(java.nio.ByteBuffer.wrap(c.key()).getLong(), value(c.value()));
        }
      }
      assertThat(actual).as("seed=" + seed + " round " + round).isEqualTo(committed);
    }
    assertThat(tree.verify().ok()).as("seed=" + seed).isTrue();
    assertThat(txns.lockedKeys()).isZero();
  }

  @Test
  void bigRowsAreUndoneThroughOverflowPagesThatArePurged() {
    byte[] big = new byte[60_000];
    new SplittableRandom(1).nextBytes(big);
    byte[] original = big.clone();
    try (Transaction t = txns.begin()) {
      t.insert(tree, key(1), big);
      t.commit();
    }
    byte[] stored = tree.get(key(1));
    int highWater = 0;
    for (int i = 0; i < 10; i++) {
      Transaction t = txns.begin();
      byte[] other = new byte[40_000 + i];
      t.update(tree, key(1), other);
      t.savepoint("s");
      t.delete(tree, key(1));
      t.rollbackToSavepoint("s");
      assertThat(tree.get(key(1))).hasSize(other.length);
      t.rollback();
      assertThat(tree.get(key(1))).isEqualTo(stored);
      int hw = undoHighWater();
      if (i == 1) {
        highWater = hw;
      } else if (i > 1) {
        assertThat(hw).as("undo pages are reused after purge").isEqualTo(highWater);
      }
    }
    assertThat(java.util.Arrays.copyOfRange(stored, RowFormat.NULL_BITMAP, stored.length))
        .isEqualTo(java.util.Arrays.copyOfRange(original, RowFormat.NULL_BITMAP, original.length));
  }

  private int undoHighWater() {
    int sum = 0;
    try (var mtr = engine.beginMiniTransaction()) {
      for (int space = 1; space <= 2; space++) {
        sum += mtr.readPage(space, 0).getInt(io.dolly.storage.space.SpaceHeader.HIGH_WATER);
      }
    }
    return sum;
  }

  @Test
  void rollbackSkipsChangesToADroppedTablespace() {
    BTree doomed = TxnFixture.createTree(engine, "test/doomed.ibd");
    Transaction t = txns.begin();
    t.insert(tree, key(1), row(1));
    t.insert(doomed, key(1), row(1));
    engine.dropTablespace(doomed.spaceId());
    t.rollback();
    assertThat(get(1)).isNull();
  }

  @Test
  void aStatementWithMoreUndoPagesThanThePoolHasFramesRollsBack(@TempDir Path other) {
    try (StorageEngine small =
        StorageEngine.open(
            other, TxnFixture.small(ChannelFileSystem.INSTANCE).withBufferPoolSize(64 * 16384))) {
      TransactionManager m = TransactionManager.open(small);
      BTree t1 = TxnFixture.createTree(small, "test/s.ibd");
      Transaction t = m.begin();
      t.insert(t1, key(-1), row(-1));
      t.statementBegin();
      for (int i = 0; i < 4000; i++) {
        byte[] wide = java.util.Arrays.copyOf(key(i), 600);
        t.insert(t1, wide, row(i));
      }
      t.statementRollback();
      assertThat(t1.count()).isEqualTo(1);
      t.commit();
      assertThat(t1.count()).isEqualTo(1);
    }
  }

  @Test
  void transactionsOpenOncePerEngine() {
    assertThatThrownBy(() -> TransactionManager.open(engine))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void idsGrowAcrossRestartsAndUndoPagesAreFreed() {
    long first;
    try (Transaction t = txns.begin()) {
      first = t.id();
      for (int i = 0; i < 3000; i++) {
        t.insert(tree, key(i), row(i));
      }
      t.commit();
    }
    engine.close();
    engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    txns = TransactionManager.open(engine);
    tree = TxnFixture.reopen(engine, tree);
    assertThat(txns.recovered().rolledBack()).isEmpty();
    Transaction t = txns.begin();
    assertThat(t.id()).isGreaterThan(first);
    t.commit();
    assertThat(tree.count()).isEqualTo(3000);
  }
}
