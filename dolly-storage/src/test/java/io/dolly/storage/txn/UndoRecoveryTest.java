package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static io.dolly.storage.txn.TxnFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.space.TablespaceRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TransactionManager#open} does with undo logs left in the rollback segments. */
class UndoRecoveryTest {
  @TempDir Path dir;

  /** Writes a multi-page undo log of inserts of keys 0..n-1 (which the tree holds). */
  private static UndoLog writeLog(StorageEngine engine, BTree tree, long trxId, int n) {
    UndoLog log =
        new UndoLog(
            new RollbackSegment(TablespaceRegistry.UNDO_2_SPACE_ID), trxId, engine.pageSize());
    for (int i = 0; i < n; i++) {
      tree.insert(key(i), row(i));
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        log.append(mtr, new UndoRecord(tree.spaceId(), tree.rootPageNo(), key(i), null));
        mtr.commit();
      }
      log.confirm();
    }
    assertThat(log.singlePage()).isFalse();
    return log;
  }

  @Test
  void activeLogsAreRolledBackAndCommittedOnesOnlyPurged() {
    StorageEngine engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    TransactionManager.open(engine);
    BTree active = TxnFixture.createTree(engine, "test/a.ibd");
    BTree committed = TxnFixture.createTree(engine, active.spaceId());
    writeLog(engine, active, 1_000_001, 2000);
    UndoLog done = writeLog(engine, committed, 1_000_003, 2000);
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      done.markCommitted(mtr);
      mtr.commit();
    }
    engine.close();

    engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    TransactionManager txns = TransactionManager.open(engine);
    assertThat(txns.recovered().rolledBack()).containsExactly(1_000_001L);
    assertThat(txns.recovered().purged()).isEqualTo(1);
    assertThat(TxnFixture.reopen(engine, active).count()).isZero();
    assertThat(TxnFixture.reopen(engine, committed).count()).isEqualTo(2000);
    try (Transaction t = txns.begin()) {
      assertThat(t.id()).as("ids continue above those found in undo logs").isGreaterThan(1_000_003);
    }
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      for (int space = 1; space <= 2; space++) {
        assertThat(new RollbackSegment(space).logs(mtr)).isEmpty();
      }
    }
    engine.close();

    engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    txns = TransactionManager.open(engine);
    assertThat(txns.recovered().rolledBack()).isEmpty();
    assertThat(txns.recovered().purged()).isZero();
    engine.close();
  }
}
