package io.dolly.storage.txn;

import static io.dolly.storage.txn.TxnFixture.key;
import static io.dolly.storage.txn.TxnFixture.row;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.redo.FlushPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Rough numbers for transactions; run with {@code -Ddolly.storage.bench=true}. */
@EnabledIfSystemProperty(named = "dolly.storage.bench", matches = "true")
class TransactionThroughputTest {
  @TempDir Path dir;

  @Test
  void transactionsPerSecond() throws Exception {
    for (FlushPolicy policy :
        new FlushPolicy[] {FlushPolicy.WRITE_AT_COMMIT, FlushPolicy.SYNC_AT_COMMIT}) {
      Path d = dir.resolve(policy.name());
      StorageConfig config =
          StorageConfig.defaults()
              .withFileSystem(ChannelFileSystem.INSTANCE)
              .withFlushPolicy(policy);
      try (StorageEngine engine = StorageEngine.open(d, config)) {
        TransactionManager txns = TransactionManager.open(engine);
        BTree tree = TxnFixture.createTree(engine, "test/t.ibd");
        try (Transaction t = txns.begin()) {
          for (int i = 0; i < 10_000; i++) {
            t.insert(tree, key(i), row(0));
          }
          t.commit();
        }
        for (int threads : new int[] {1, 4}) {
          int per = 3000 / threads;
          long t0 = System.nanoTime();
          try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
              long seed = th;
              fs.add(
                  pool.submit(
                      () -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        for (int j = 0; j < per; ) {
                          // an oltp_read_write-like shape: 4 point updates per transaction
                          try (Transaction t = txns.begin()) {
                            for (int u = 0; u < 4; u++) {
                              int k = r.nextInt(10_000);
                              long v = TxnFixture.value(t.readForUpdate(tree, key(k)));
                              t.update(tree, key(k), row(v + 1));
                            }
                            t.commit();
                            j++;
                          } catch (DeadlockException e) {
                            // retried
                          }
                        }
                        return null;
                      }));
            }
            for (Future<?> f : fs) {
              f.get();
            }
          }
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf(
              "%s, %d thread(s), 4 updates/trx: %.0f trx/s%n", policy, threads, threads * per / s);
        }
      }
    }
  }
}
