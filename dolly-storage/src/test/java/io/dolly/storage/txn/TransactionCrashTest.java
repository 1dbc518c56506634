package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss in the middle of transactional work: after recovery every acknowledged commit is
 * there, nothing uncommitted is, and the bank's total is unchanged. Rounds by {@code
 * -Dtxn.crash.rounds=}, seeds by {@code -Dtxn.crash.seed=} / {@code -Dtxn.longtrx.seed=}.
 */
@Timeout(300)
class TransactionCrashTest {
  private static final long MARKER = 1L << 62;

  @TempDir Path dir;

  private static StorageConfig config(FaultInjectingFileSystem fs) {
    // 64 frames: eviction and the page cleaner write uncommitted pages to disk all the time.
    return TxnFixture.small(fs).withBufferPoolSize(64 * 16384);
  }

  @Test
  void concurrentTransfersSurvivePowerLoss() throws Exception {
    long seed = TxnFixture.seed("txn.crash");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageEngine engine = StorageEngine.open(dir, config(fs));
    TransactionManager txns = TransactionManager.open(engine);
    Bank bank = Bank.create(engine, txns);
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < TxnFixture.rounds("txn.crash", 3); round++) {
      String context = "seed=" + seed + " round " + round;
      txns.lockWaitTimeout(Duration.ofSeconds(10));
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < 4; t++) {
          long threadSeed = rnd.nextLong();
          long base = ((long) round << 40) | ((long) t << 32);
          TransactionManager running = txns;
          Bank current = bank;
          pool.submit(
              () -> {
                SplittableRandom r = new SplittableRandom(threadSeed);
                try {
                  for (long seq = 0; ; seq++) {
                    if (current.transfer(running, r, base + seq, 0, Bank.ACCOUNTS)) {
                      acknowledged.add(base + seq);
                    }
                  }
                } catch (Throwable e) {
                  if (!fs.isDown()) {
                    failures.add(e);
                  }
                }
              });
        }
        Thread.sleep(100 + rnd.nextInt(400));
        fs.powerLoss();
      }
      assertThat(failures).as(context).isEmpty();
      engine.close();
      fs.restart();
      engine = StorageEngine.open(dir, config(fs));
      txns = TransactionManager.open(engine);
      bank = bank.reopen(engine);
      bank.verify(acknowledged, context);
      System.out.println(
          context
              + ": "
              + acknowledged.size()
              + " acknowledged, rolled back "
              + txns.recovered().rolledBack().size());
    }
    engine.close();
  }

  @Test
  void longTransactionAcrossCheckpointsIsRolledBack() throws Exception {
    long seed = TxnFixture.seed("txn.longtrx");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageEngine engine = StorageEngine.open(dir, config(fs));
    TransactionManager txns = TransactionManager.open(engine);
    Bank bank = Bank.create(engine, txns);
    BTree blobs = TxnFixture.createTree(engine, bank.accounts().spaceId());
    byte[] blob = new byte[50_000];
    rnd.nextBytes(blob);
    try (Transaction t = txns.begin()) {
      t.insert(blobs, key(0), blob);
      t.commit();
    }
    byte[] committedBlob = blobs.get(key(0));
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    long journalKey = 0;
    for (int round = 0; round < TxnFixture.rounds("txn.crash", 3); round++) {
      String context = "seed=" + seed + " round " + round;
      Transaction longTrx = txns.begin();
      for (int phase = 0; phase < 4; phase++) {
        // The long transaction owns accounts 0..4 and breaks the total on purpose.
        for (int i = 0; i < 60; i++) {
          int account = rnd.nextInt(5);
          long v = TxnFixture.value(longTrx.readForUpdate(bank.accounts(), key(account)));
          longTrx.update(bank.accounts(), key(account), TxnFixture.row(v + 1_000_000));
        }
        longTrx.insert(bank.journal(), key(MARKER + round * 16L + phase), Bank.entry(0, 1, 7));
        longTrx.update(blobs, key(0), new byte[20_000 + rnd.nextInt(40_000)]);
        for (int i = 0; i < 30; i++) {
          if (bank.transfer(txns, rnd, journalKey, 5, Bank.ACCOUNTS)) {
            acknowledged.add(journalKey);
          }
          journalKey++;
        }
        engine.checkpoint();
      }
      for (int i = 0; i < 10; i++) {
        if (bank.transfer(txns, rnd, journalKey, 5, Bank.ACCOUNTS)) {
          acknowledged.add(journalKey);
        }
        journalKey++;
      }
      fs.powerLoss();
      engine.close();
      fs.restart();
      boolean interrupted = round % 2 == 1;
      if (interrupted) {
        interruptedRecovery(fs, rnd);
      }
      engine = StorageEngine.open(dir, config(fs));
      txns = TransactionManager.open(engine);
      if (!interrupted) {
        assertThat(txns.recovered().rolledBack()).as(context).contains(longTrx.id());
      }
      bank = bank.reopen(engine);
      bank.verify(acknowledged, context);
      blobs = TxnFixture.reopen(engine, blobs);
      assertThat(blobs.get(key(0))).as(context + ": big row").isEqualTo(committedBlob);
      try (var c = bank.journal().scan(key(MARKER), true, null, true, true)) {
        assertThat(c.next()).as(context + ": uncommitted journal rows").isFalse();
      }
    }
    engine.close();
  }

  /** Recovery itself is cut short by a power loss at a random moment, then runs again. */
  private void interruptedRecovery(FaultInjectingFileSystem fs, SplittableRandom rnd)
      throws Exception {
    StorageEngine engine = StorageEngine.open(dir, config(fs));
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> recovery = pool.submit(() -> TransactionManager.open(engine));
      Thread.sleep(rnd.nextInt(30));
      fs.powerLoss();
      try {
        recovery.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        // expected when the power loss hit it
      }
    }
    engine.close();
    fs.restart();
  }
}
