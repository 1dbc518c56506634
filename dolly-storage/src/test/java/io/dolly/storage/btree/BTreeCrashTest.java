package io.dolly.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.space.SpaceHeader;
import io.dolly.storage.space.Tablespace;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree under a random workload on a {@link FaultInjectingFileSystem} loses power at a random
 * point, between operations or (from another thread) in the middle of one; unsynced writes are
 * dropped, kept or torn. After recovery the tree must verify clean, every page of its file must
 * carry a valid checksum, no page may be both in the tree and on the free list, and the contents
 * must be the model as of the last durable point plus some prefix of the operations after it (never
 * part of an operation). The same data directory goes through every round. {@code
 * -Dbtree.crash.rounds=N} (default 10) runs more, {@code -Dbtree.crash.seed=N} replays.
 */
class BTreeCrashTest {
  @TempDir Path dir;

  @Test
  void recoversTheLastDurableContentsAfterPowerLoss() {
    long seed = BTreeOnEngineTest.seed("btree.crash.seed");
    int rounds = Integer.getInteger("btree.crash.rounds", 10);
    try {
      assertTimeoutPreemptively(Duration.ofMinutes(3), () -> run(seed, rounds));
    } catch (Throwable e) {
      throw new AssertionError("seed=" + seed, e);
    }
    System.out.println("btree crash: rounds=" + rounds + " seed=" + seed);
  }

  private void run(long seed, int rounds) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = BTreeOnEngineTest.smallPool().withFileSystem(fs);
    int[] t;
    TreeWorkload w;
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      t = BTreeOnEngineTest.createTree(engine, "test/t.ibd");
      BTree tree = BTree.open(engine::beginMiniTransaction, t[0], t[1]);
      w = new TreeWorkload(tree, engine::beginMiniTransaction, rnd.split(), 1, 3L << 20);
    }
    NavigableMap<byte[], byte[]> durable = new TreeMap<>(Arrays::compareUnsigned);
    List<List<TreeWorkload.Change>> since = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      StorageEngine engine = StorageEngine.open(dir, config);
      try {
        BTree tree = BTree.open(engine::beginMiniTransaction, t[0], t[1]);
        w.tree = tree;
        w.mtrs = engine::beginMiniTransaction;
        w.callerCommitLsn = 0;
        checkRecovered(engine, w, durable, since, round);
        since.clear();
        crashDuring(engine, fs, w, rnd, durable, since);
      } finally {
        try {
          engine.close();
        } catch (RuntimeException expected) {
          // The files are gone with the power; the next open recovers.
        }
        fs.restart();
      }
    }
  }

  /**
   * Runs operations until the power goes; returns with {@code durable} holding what was made
   * durable and {@code since} the changes of every operation after that, in order, the last one
   * possibly cut short.
   */
  private static void crashDuring(
      StorageEngine engine,
      FaultInjectingFileSystem fs,
      TreeWorkload w,
      SplittableRandom rnd,
      NavigableMap<byte[], byte[]> durable,
      List<List<TreeWorkload.Change>> since)
      throws Exception {
    int durableEvery = 1 + rnd.nextInt(6);
    int ops = 100 + rnd.nextInt(500);
    boolean fromAnotherThread = rnd.nextBoolean();
    AtomicBoolean down = new AtomicBoolean();
    Thread crasher = null;
    if (fromAnotherThread) {
      long delayMillis = 20 + rnd.nextInt(400);
      crasher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Thread.sleep(delayMillis);
                      down.set(true);
                      fs.powerLoss();
                    } catch (InterruptedException | IOException e) {
                      throw new IllegalStateException(e);
                    }
                  });
    }
    try {
      for (int i = 0; i < ops && !(fromAnotherThread && down.get() && i % 16 == 15); i++) {
        List<TreeWorkload.Change> changes = new ArrayList<>();
        since.add(changes);
        w.step(0.55, 0.25);
        changes.addAll(w.intent);
        if (i % durableEvery == 0) {
          engine.waitDurable(w.lastCommitLsn());
          for (List<TreeWorkload.Change> c : since) {
            applyTo(durable, c);
          }
          since.clear();
        }
      }
    } catch (Throwable e) {
      if (!down.get()) {
        throw e;
      }
      // The operation in progress may or may not have happened.
      since.getLast().addAll(w.intent);
    }
    if (crasher != null) {
      crasher.join();
    } else {
      down.set(true);
      fs.powerLoss();
    }
  }

  private static void applyTo(NavigableMap<byte[], byte[]> map, List<TreeWorkload.Change> c) {
    for (TreeWorkload.Change change : c) {
      if (change.value() == null) {
        map.remove(change.key());
      } else {
        map.put(change.key(), change.value());
      }
    }
  }

  private static void checkRecovered(
      StorageEngine engine,
      TreeWorkload w,
      NavigableMap<byte[], byte[]> durable,
      List<List<TreeWorkload.Change>> since,
      int round) {
    VerifyReport report = w.tree.verify();
    assertThat(report.problems()).as("round %d: %s", round, report).isEmpty();
    NavigableMap<byte[], byte[]> recovered = TreeWorkload.read(w.tree, w.prefix);
    NavigableMap<byte[], byte[]> candidate = new TreeMap<>(durable);
    int survived = -1;
    for (int k = 0; k <= since.size(); k++) {
      if (k > 0) {
        applyTo(candidate, since.get(k - 1));
      }
      if (TreeWorkload.sameContents(recovered, candidate)) {
        survived = k;
        break;
      }
    }
    assertThat(survived)
        .as(
            "round %d: recovered %d records, durable model %d, %d operations after it",
            round, recovered.size(), durable.size(), since.size())
        .isNotNegative();
    System.out.printf(
        "btree crash round %d: %d records; %d of %d operations after the durable point survived%n",
        round, recovered.size(), survived, since.size());
    for (int k = 0; k < survived; k++) {
      applyTo(durable, since.get(k));
    }
    w.reset(durable);
    assertThat(report.records()).isEqualTo(durable.size());
    checkPages(engine, w.tree);
  }

  /** Valid checksums on disk; the free list and the tree share no page. */
  private static void checkPages(StorageEngine engine, BTree tree) {
    TablespaceRegistry spaces = engine.tablespaces();
    int pageSize = engine.pageSize();
    byte[] page = new byte[pageSize];
    for (int spaceId :
        new int[] {
          TablespaceRegistry.SYSTEM_SPACE_ID,
          TablespaceRegistry.UNDO_1_SPACE_ID,
          TablespaceRegistry.UNDO_2_SPACE_ID,
          tree.spaceId()
        }) {
      Tablespace space = spaces.require(spaceId);
      long pages = space.sizeInBytes() / pageSize;
      for (int p = 0; p < pages; p++) {
        space.readPageUnverified(p, page);
        assertThat(space.verify(p, page)).as("page %d of space %d", p, spaceId).isNull();
      }
    }
    Set<Integer> inTree = new HashSet<>();
    for (int p : tree.pages()) {
      inTree.add(p);
    }
    int head;
    int count;
    int highWater;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      PageHandle header = mtr.readPage(tree.spaceId(), 0);
      head = header.getInt(SpaceHeader.FREE_HEAD);
      count = header.getInt(SpaceHeader.FREE_COUNT);
      highWater = header.getInt(SpaceHeader.HIGH_WATER);
    }
    int onList = 0;
    for (int p = head; p != PageHeader.NULL_PAGE; onList++) {
      assertThat(onList).as("free list longer than its count").isLessThan(count);
      assertThat(inTree).as("free page %d is in the tree", p).doesNotContain(p);
      assertThat(p).isPositive().isLessThan(highWater);
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        p = mtr.readPage(tree.spaceId(), p).getInt(SpaceHeader.FREE_NEXT);
      }
    }
    assertThat(onList).isEqualTo(count);
    assertThat(1 + inTree.size() + count).isLessThanOrEqualTo(highWater);
  }
}
