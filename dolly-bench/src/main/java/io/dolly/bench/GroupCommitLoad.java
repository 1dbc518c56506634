package io.dolly.bench;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.redo.FlushPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Durable commits through the engine: each commit replaces one random row of a small {@link
 * SbtestTable} in its own mini-transaction, then waits with {@link StorageEngine#waitDurable} for
 * its commit LSN under {@code innodb_flush_log_at_trx_commit=1}. Concurrent committers share the
 * redo log's fsyncs (group commit); the fsyncs per commit show how well they do.
 */
final class GroupCommitLoad {
  static final String METHOD = "group commit (engine)";

  private GroupCommitLoad() {}

  static StorageConfig config() {
    return StorageConfig.defaults().withFlushPolicy(FlushPolicy.SYNC_AT_COMMIT);
  }

  static CommitMeasurement run(Path parent, int threads, int rows, Duration warmup, Duration time)
      throws InterruptedException {
    try (SbtestTable table = SbtestTable.create(parent, config(), rows)) {
      StorageEngine engine = table.engine();
      BTree tree = table.tree();
      SplittableRandom[] rnd = new SplittableRandom[threads];
      byte[][] rowValues = new byte[threads][];
      for (int t = 0; t < threads; t++) {
        rnd[t] = new SplittableRandom(1000 + t);
        rowValues[t] = SbtestTable.row(rnd[t]);
      }
      ClosedLoop.Operation commit =
          (thread, seq) -> {
            long lsn;
            try (MiniTransaction mtr = engine.beginMiniTransaction()) {
              tree.put(mtr, SbtestTable.key(rnd[thread].nextInt(rows)), rowValues[thread]);
              mtr.commit();
              lsn = mtr.commitLsn();
            }
            engine.waitDurable(lsn);
          };
      ClosedLoop.run(threads, warmup, commit);
      long fsyncsBefore = engine.redoLog().fsyncCount();
      ClosedLoop.Outcome o = ClosedLoop.run(threads, time, commit);
      long fsyncs = engine.redoLog().fsyncCount() - fsyncsBefore;
      return new CommitMeasurement(
          METHOD, threads, o.operations(), o.seconds(), o.latencyNanos(), fsyncs);
    }
  }
}
