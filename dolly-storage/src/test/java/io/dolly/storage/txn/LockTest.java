package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static io.dolly.storage.txn.TxnFixture.row;
import static io.dolly.storage.txn.TxnFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.ChannelFileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LockTest {
  @TempDir Path dir;
  StorageEngine engine;
  TransactionManager txns;
  BTree tree;

  @BeforeEach
  void open() {
    engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    txns = TransactionManager.open(engine);
    txns.lockWaitTimeout(Duration.ofSeconds(20));
    tree = TxnFixture.createTree(engine, "test/t.ibd");
    try (Transaction t = txns.begin()) {
      for (int i = 0; i < 10; i++) {
        t.insert(tree, key(i), row(100));
      }
      t.commit();
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void sharedLocksAreCompatibleExclusiveAreNot() throws Exception {
    Transaction a = txns.begin();
    Transaction b = txns.begin();
    assertThat(value(a.read(tree, key(1)))).isEqualTo(100);
    assertThat(value(b.read(tree, key(1)))).isEqualTo(100);
    b.lockWaitTimeout(Duration.ofMillis(200));
    assertThatThrownBy(() -> b.update(tree, key(1), row(5)))
        .isInstanceOf(LockWaitTimeoutException.class);
    assertThat(b.isActive()).isTrue();
    a.commit();
    b.update(tree, key(1), row(5));
    b.commit();
    assertThat(value(tree.get(key(1)))).isEqualTo(5);
  }

  @Test
  void timeoutRollsBackOnlyTheStatement() {
    Transaction a = txns.begin();
    a.update(tree, key(1), row(1));
    Transaction b = txns.begin();
    b.lockWaitTimeout(Duration.ofMillis(200));
    b.update(tree, key(2), row(2));
    b.statementBegin();
    b.update(tree, key(3), row(3));
    long start = System.nanoTime();
    assertThatThrownBy(() -> b.update(tree, key(1), row(9)))
        .isInstanceOf(LockWaitTimeoutException.class);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L);
    assertThat(value(tree.get(key(3)))).isEqualTo(100);
    assertThat(value(tree.get(key(2)))).isEqualTo(2);
    b.commit();
    a.rollback();
    assertThat(value(tree.get(key(1)))).isEqualTo(100);
    assertThat(value(tree.get(key(2)))).isEqualTo(2);
  }

  @Test
  void waiterSeesTheCommittedValueNotADirtyOne() throws Exception {
    Transaction a = txns.begin();
    a.update(tree, key(1), row(7));
    CompletableFuture<Long> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (Transaction b = txns.begin()) {
                long v = value(b.read(tree, key(1)));
                b.commit();
                return v;
              }
            });
    Thread.sleep(100);
    assertThat(read).isNotDone();
    a.rollback();
    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(100);
  }

  @Test
  void lockingScanWaitsForUncommittedRowsAndSkipsRolledBackOnes() throws Exception {
    Transaction a = txns.begin();
    a.insert(tree, key(20), row(1));
    a.update(tree, key(3), row(33));
    CompletableFuture<List<Long>> scan =
        CompletableFuture.supplyAsync(
            () -> {
              List<Long> seen = new ArrayList<>();
              try (Transaction b = txns.begin();
                  LockingCursor c = b.scan(tree, key(2), true, null, true, true, LockMode.SHARED)) {
                while (c.next()) {
                  seen.add(value(c.value()));
                }
                b.commit();
              }
              return seen;
            });
    Thread.sleep(100);
    assertThat(scan).isNotDone();
    a.rollback();
    assertThat(scan.get(10, TimeUnit.SECONDS)).hasSize(8).containsOnly(100L);
  }

  @Test
  void deadlockMakesTheRequesterTheVictim() throws Exception {
    Transaction a = txns.begin();
    Transaction b = txns.begin();
    a.update(tree, key(1), row(11));
    b.update(tree, key(2), row(22));
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> aWaits = pool.submit(() -> a.update(tree, key(2), row(12)));
      while (txns.lockedKeys() < 2 || !waiting(aWaits)) {
        Thread.sleep(10);
      }
      assertThatThrownBy(() -> b.update(tree, key(1), row(21)))
          .isInstanceOf(DeadlockException.class);
      assertThat(b.isActive()).isFalse();
      aWaits.get(10, TimeUnit.SECONDS);
    }
    a.commit();
    assertThat(value(tree.get(key(1)))).isEqualTo(11);
    assertThat(value(tree.get(key(2)))).isEqualTo(12);
  }

  private static boolean waiting(Future<?> f) throws InterruptedException {
    Thread.sleep(50);
    return !f.isDone();
  }

  @Test
  void upgradeConflictIsADeadlock() throws Exception {
    Transaction a = txns.begin();
    Transaction b = txns.begin();
    a.read(tree, key(1));
    b.read(tree, key(1));
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> aWaits = pool.submit(() -> a.update(tree, key(1), row(1)));
      Thread.sleep(100);
      assertThat(aWaits).isNotDone();
      assertThatThrownBy(() -> b.update(tree, key(1), row(2)))
          .isInstanceOf(DeadlockException.class);
      aWaits.get(10, TimeUnit.SECONDS);
    }
    a.commit();
    assertThat(value(tree.get(key(1)))).isEqualTo(1);
  }

  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    long seed = TxnFixture.seed("txn.increments");
    int threads = 4;
    int perThread = Integer.getInteger("txn.increments.count", 100);
    AtomicInteger deadlocks = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        SplittableRandom rnd = new SplittableRandom(seed + t);
        futures.add(
            pool.submit(
                () -> {
                  for (int done = 0; done < perThread; ) {
                    Transaction trx = txns.begin();
                    try {
                      // two keys in random order: deadlocks happen and must be survivable
                      int k1 = rnd.nextInt(3);
                      int k2 = rnd.nextInt(3);
                      for (int k : new int[] {k1, k2}) {
                        long v = value(trx.read(tree, key(k)));
                        trx.update(tree, key(k), row(v + 1));
                      }
                      trx.commit();
                      done++;
                    } catch (DeadlockException e) {
                      deadlocks.incrementAndGet();
                    } finally {
                      trx.close();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get(50, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw new AssertionError("seed=" + seed, e.getCause());
        }
      }
    }
    long total = 0;
    for (int k = 0; k < 3; k++) {
      total += value(tree.get(key(k)));
    }
    assertThat(total).as("seed=" + seed).isEqualTo(300 + 2L * threads * perThread);
    assertThat(txns.lockedKeys()).isZero();
    System.out.println("deadlocks resolved: " + deadlocks.get());
  }
}
