package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageType;
import io.dolly.storage.space.SpaceHeader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the B-tree relies on from the engine's mini-transactions. */
class MiniTransactionTest {
  private static final int BODY = 40;

  @TempDir Path dir;

  @Test
  void aPageFetchedAgainIsTheSameHandleAndReadsAreUnsigned() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      int space = engine.createTablespace("db/t.ibd");
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle p = mtr.allocatePage(space, PageType.BTREE_NODE);
        p.putShort(BODY, 0xFFFE);
        assertThat(mtr.readPage(space, p.pageNo())).isSameAs(p);
        assertThat(mtr.writePage(space, p.pageNo())).isSameAs(p);
        assertThat(p.getShort(BODY)).isEqualTo(0xFFFE);
        mtr.commit();
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.readPage(space, 0);
        // Allocation latches page 0 on its own: refused rather than a self-deadlock.
        assertThrows(
            IllegalStateException.class, () -> mtr.allocatePage(space, PageType.BTREE_NODE));
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.readPage(space, 1);
        // An upgrade would deadlock against another reader; it is refused instead.
        assertThrows(IllegalStateException.class, () -> mtr.writePage(space, 1));
      }
    }
  }

  @Test
  void aFreedPageIsReusedOnlyAfterTheFreeingMiniTransactionCommitted() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      int space = engine.createTablespace("db/t.ibd");
      int a;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        a = mtr.allocatePage(space, PageType.BTREE_NODE).pageNo();
        mtr.commit();
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.writePage(space, a).putLong(BODY, 1);
        mtr.freePage(space, a); // held exclusively by this very mini-transaction
        assertThat(mtr.allocatePage(space, PageType.BTREE_NODE).pageNo()).isNotEqualTo(a);
        // Another thread's allocation meanwhile does not get it either.
        try (MiniTransaction other = engine.beginMiniTransaction()) {
          assertThat(other.allocatePage(space, PageType.UNDO).pageNo()).isNotEqualTo(a);
          other.commit();
        }
        mtr.commit();
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle reused = mtr.allocatePage(space, PageType.UNDO);
        assertThat(reused.pageNo()).isEqualTo(a);
        assertThat(reused.getLong(BODY)).isZero();
        mtr.commit();
      }
    }
  }

  /**
   * A nested mini-transaction allocating while the outer one has allocated too (what a B-tree does
   * when a caller's change splits a leaf and then writes an overflow chain): after a crash and
   * recovery, every page handed out is distinct and below the high water.
   */
  @Test
  void nestedAllocationsSurviveRecoveryWithoutHandingAPageOutTwice() throws Exception {
    long seed = CounterLoad.seed("nestedAllocations");
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = TestConfigs.small(fs);
    Set<Integer> used = new HashSet<>();
    int space;
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      space = engine.createTablespace("db/t.ibd");
      long lsn = 0;
      for (int round = 0; round < 20; round++) {
        try (MiniTransaction outer = engine.beginMiniTransaction()) {
          PageHandle a = outer.allocatePage(space, PageType.BTREE_NODE);
          a.putLong(BODY, round);
          used.add(a.pageNo());
          try (MiniTransaction nested = engine.beginMiniTransaction()) {
            for (int i = 0; i < 3; i++) {
              used.add(nested.allocatePage(space, PageType.OVERFLOW).pageNo());
            }
            nested.commit();
          }
          outer.commit();
          lsn = outer.commitLsn();
        }
      }
      engine.waitDurable(lsn);
      fs.powerLoss();
      try {
        engine.close();
      } catch (RuntimeException expected) {
        // The power is gone.
      }
    }
    fs.restart();
    assertThat(used).hasSize(20 * 4);
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      int highWater;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        highWater = mtr.readPage(space, 0).getInt(SpaceHeader.HIGH_WATER);
      }
      assertThat(used).as("seed=" + seed).allMatch(p -> p < highWater);
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        for (int i = 0; i < 10; i++) {
          int p = mtr.allocatePage(space, PageType.UNDO).pageNo();
          assertThat(used).as("seed=" + seed).doesNotContain(p);
        }
        mtr.commit();
      }
    }
  }
}
