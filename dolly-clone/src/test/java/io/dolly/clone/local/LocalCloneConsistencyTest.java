package io.dolly.clone.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.clone.CloneStage;
import io.dolly.clone.donor.CloneSnapshot;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clones taken one after another while threads run transfers must each open as a consistent
 * instance: the exact total, balances equal to the journal's replay, every transfer acknowledged
 * before the clone started present, nothing of a transaction still open at the end LSN, every page
 * checksum valid. Seed by {@code -Dclone.consistency.seed=}, clones by {@code
 * -Dclone.consistency.clones=}.
 */
@Timeout(300)
class LocalCloneConsistencyTest {
  private static final long UNCOMMITTED_KEYS = 1L << 60;

  @TempDir Path dir;

  /** 64 frames and 8 MiB of redo: pages are evicted and checkpoints pass during every clone. */
  private static StorageConfig config() {
    return StorageConfig.defaults()
        .withBufferPoolSize(64 * 16384)
        .withRedoLogCapacity(8 << 20)
        .withRedoBufferSize(1 << 20);
  }

  @Test
  void everyCloneTakenUnderTransfersIsTheCommittedStateAtItsEndLsn() throws Exception {
    String seedText = System.getProperty("clone.consistency.seed");
    long seed = seedText != null ? Long.parseLong(seedText) : new SplittableRandom().nextLong();
    System.out.println("clone.consistency seed=" + seed);
    int clones = Integer.getInteger("clone.consistency.clones", 4);
    SplittableRandom rnd = new SplittableRandom(seed);
    StorageConfig config = config();
    CloneStatusBoard board = CloneStatusBoard.load(dir.resolve("#clone"), InstantSource.system());
    try (StorageEngine donor = StorageEngine.open(dir.resolve("donor"), config)) {
      TransactionManager txns = TransactionManager.open(donor);
      txns.lockWaitTimeout(Duration.ofSeconds(10));
      Ledger ledger = Ledger.create(donor, txns);
      Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong keys = new AtomicLong();
      List<Thread> writers =
          Stream.generate(rnd::nextLong)
              .limit(3)
              .map(
                  threadSeed ->
                      Thread.ofPlatform()
                          .start(
                              () -> {
                                SplittableRandom r = new SplittableRandom(threadSeed);
                                try {
                                  while (!stop.get()) {
                                    long k = keys.incrementAndGet();
                                    if (ledger.transfer(txns, r, k)) {
                                      acknowledged.add(k);
                                    }
                                    // At most ~1,000 transfers/s a thread: the donor then grows
                                    // slower than a 1 MiB/s clone copies, however fast the machine.
                                    LockSupport.parkNanos(1_000_000);
                                  }
                                } catch (Throwable t) {
                                  failures.add(t);
                                }
                              }))
              .toList();
      try {
        Thread.sleep(500);
        int clonesReplayingRedo = 0;
        for (int i = 0; i < clones; i++) {
          String context = "seed=" + seed + " clone " + i;
          Transaction open =
              ledger.openUncommitted(txns, UNCOMMITTED_KEYS + 1000L * i, 1 + rnd.nextInt(50));
          Set<Long> before = new HashSet<>(acknowledged);
          Path target = dir.resolve("clone" + i);
          board.begin(1, LocalClone.SOURCE, target.toString());
          CloneSettings settings =
              new CloneSettings(
                  1 + rnd.nextInt(4),
                  rnd.nextBoolean(),
                  16384 * (1 + rnd.nextInt(64)),
                  // Every other clone at 1 MiB/s: FILE COPY then spans many commits, page
                  // flushes and checkpoints, so files are read torn and stale.
                  BandwidthThrottle.ofMibPerSecond(i % 2));
          try (CloneSnapshot snapshot =
              CloneSnapshot.open(donor, List.of(), Duration.ofSeconds(5), null)) {
            new LocalClone(snapshot, target, settings, board, Cancellation.none()).run();
            // A fast clone may see no commit between PAGE COPY and the end LSN; over all the
            // clones some must, or the replay of redo after page copy went untested.
            assertThat(snapshot.endLsn())
                .as(context)
                .isGreaterThanOrEqualTo(snapshot.pageCopyLsn());
            if (snapshot.endLsn() > snapshot.pageCopyLsn()) {
              clonesReplayingRedo++;
            }
            System.out.printf(
                "%s: %d transfers acknowledged before, page copy %d bytes, redo [%d, %d)"
                    + " replayed after page copy, %d bytes since the start%n",
                context,
                before.size(),
                board.progress().get(CloneStage.PAGE_COPY.ordinal()).data(),
                snapshot.pageCopyLsn(),
                snapshot.endLsn(),
                snapshot.endLsn() - snapshot.startLsn());
            open.rollback();
            open.close();
            assertThat(IncompleteCloneMarker.refusalReason(target)).as(context).isEmpty();
            assertPageChecksums(target, donor.pageSize(), context);
            try (StorageEngine copy = StorageEngine.open(target, config)) {
              TransactionManager.open(copy);
              assertThat(copy.recovery().endLsn()).as(context).isEqualTo(snapshot.endLsn());
              Set<Long> present = ledger.in(copy).verify(context);
              assertThat(present).as(context + ": acknowledged before start").containsAll(before);
              assertThat(present).as(context + ": uncommitted").allMatch(k -> k < UNCOMMITTED_KEYS);
            }
            assertPageChecksums(target, donor.pageSize(), context + " after recovery");
          }
          assertThat(failures).as(context).isEmpty();
        }
        assertThat(clonesReplayingRedo)
            .as("seed=" + seed + ": clones with redo after page copy")
            .isPositive();
      } finally {
        stop.set(true);
        for (Thread w : writers) {
          w.join();
        }
      }
      assertThat(failures).isEmpty();
      ledger.verify("donor seed=" + seed);
    }
  }

  /** Every page of every tablespace of the copy is all zeros or carries a valid checksum. */
  private static void assertPageChecksums(Path datadir, int pageSize, String context)
      throws IOException {
    try (Stream<Path> files = Files.walk(datadir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".ibd") && !name.startsWith("undo_")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes.length % pageSize).as(context + ": " + f).isZero();
        for (int off = 0; off < bytes.length; off += pageSize) {
          byte[] page = java.util.Arrays.copyOfRange(bytes, off, off + pageSize);
          assertThat(
                  PageChecksum.isAllZero(page, 0, pageSize)
                      || PageChecksum.isValid(page, 0, pageSize))
              .as(context + ": " + f + " page " + off / pageSize)
              .isTrue();
        }
      }
    }
  }
}
