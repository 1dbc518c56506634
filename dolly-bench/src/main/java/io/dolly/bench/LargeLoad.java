package io.dolly.bench;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.VerifyReport;
import io.dolly.storage.redo.FlushPolicy;
import io.dolly.storage.txn.TransactionManager;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load many times the buffer pool: {@code threads} platform threads insert sysbench rows ({@link
 * SbtestTable}) into one clustered tree in transactions of {@code batch} rows, committed durably
 * ({@code innodb_flush_log_at_trx_commit=1}), each thread ascending through its own key range,
 * until {@code bytes} of keys and rows are in. A {@link PoolSampler} watches the redo checkpoint
 * age and the pool's resident and dirty pages every millisecond; at the end the tree is verified
 * page by page. What it shows: memory stays at the configured frames, the page cleaner keeps the
 * checkpoint age under {@code innodb_redo_log_capacity}, and the rows are all there.
 *
 * <pre>
 * java -cp dolly-bench/target/benchmarks.jar io.dolly.bench.LargeLoad \
 *     [--bytes=2g] [--pool=64m] [--redo=100m] [--threads=4] [--batch=100] [--dir=/tmp]
 * </pre>
 */
public final class LargeLoad {
  /**
   * What to load.
   *
   * @param bytes key and row bytes to insert in all
   * @param poolBytes innodb_buffer_pool_size
   * @param redoCapacity innodb_redo_log_capacity
   * @param threads inserting threads
   * @param batch rows per transaction
   * @param dir where the temporary data directory goes (null: the system temp directory)
   */
  public record Options(
      long bytes, long poolBytes, long redoCapacity, int threads, int batch, Path dir) {
    public static Options defaults() {
      return new Options(2L << 30, 64L << 20, 100L << 20, 4, 100, null);
    }

    /** Parses {@code --name=value} arguments over the defaults; sizes take k, m and g. */
    public static Options parse(String... args) {
      Options o = defaults();
      for (Map.Entry<String, String> arg : LoaderArguments.parse(args).entrySet()) {
        String v = arg.getValue();
        o =
            switch (arg.getKey()) {
              case "bytes" ->
                  new Options(
                      LoaderArguments.size(v),
                      o.poolBytes,
                      o.redoCapacity,
                      o.threads,
                      o.batch,
                      o.dir);
              case "pool" ->
                  new Options(
                      o.bytes, LoaderArguments.size(v), o.redoCapacity, o.threads, o.batch, o.dir);
              case "redo" ->
                  new Options(
                      o.bytes, o.poolBytes, LoaderArguments.size(v), o.threads, o.batch, o.dir);
              case "threads" ->
                  new Options(
                      o.bytes, o.poolBytes, o.redoCapacity, Integer.parseInt(v), o.batch, o.dir);
              case "batch" ->
                  new Options(
                      o.bytes, o.poolBytes, o.redoCapacity, o.threads, Integer.parseInt(v), o.dir);
              case "dir" ->
                  new Options(o.bytes, o.poolBytes, o.redoCapacity, o.threads, o.batch, Path.of(v));
              default -> throw new IllegalArgumentException("unknown option --" + arg.getKey());
            };
      }
      return o;
    }
  }

  /**
   * What one load did.
   *
   * @param options what was asked
   * @param rows rows inserted
   * @param bytes key and row bytes inserted
   * @param seconds time of the load (without the final verification)
   * @param frames frames of the buffer pool
   * @param peaks the sampler's maxima during the load
   * @param pagesWritten pages the pool wrote back during the load
   * @param verify the tree's check after the load
   */
  public record Result(
      Options options,
      long rows,
      long bytes,
      double seconds,
      int frames,
      PoolSampler.Peaks peaks,
      long pagesWritten,
      VerifyReport verify) {
    public double rowsPerSecond() {
      return rows / seconds;
    }

    public double mibPerSecond() {
      return bytes / seconds / (1 << 20);
    }
  }

  private LargeLoad() {}

  public static void main(String[] args) throws Exception {
    print(run(Options.parse(args)), System.out);
  }

  static StorageConfig config(Options o) {
    return StorageConfig.defaults()
        .withBufferPoolSize(o.poolBytes())
        .withRedoLogCapacity(o.redoCapacity())
        .withFlushPolicy(FlushPolicy.SYNC_AT_COMMIT);
  }

  public static Result run(Options o) throws InterruptedException {
    try (SbtestTable table = SbtestTable.create(o.dir(), config(o), 0)) {
      StorageEngine engine = table.engine();
      BTree tree = table.tree();
      TransactionManager transactions = TransactionManager.open(engine);
      int rowBytes = SbtestTable.key(0).length + SbtestTable.row(new SplittableRandom(0)).length;
      long perThread = Math.ceilDiv(o.bytes(), (long) rowBytes * o.threads());
      if (perThread * o.threads() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("more rows than INT keys: " + perThread * o.threads());
      }
      long written = engine.bufferPool().pagesWritten();
      long[] bytes = new long[o.threads()];
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      PoolSampler.Peaks peaks;
      long t0 = System.nanoTime();
      try (PoolSampler sampler = new PoolSampler(engine, 1, TimeUnit.MILLISECONDS)) {
        for (int t = 0; t < o.threads(); t++) {
          int thread = t;
          workers.add(
              Thread.ofPlatform()
                  .name("large-load-" + t)
                  .start(
                      () -> {
                        try {
                          bytes[thread] =
                              table.insert(
                                  transactions,
                                  thread * perThread,
                                  perThread,
                                  o.batch(),
                                  new SplittableRandom(thread));
                        } catch (Throwable e) {
                          failure.compareAndSet(null, e);
                        }
                      }));
        }
        for (Thread w : workers) {
          w.join();
        }
        peaks = sampler.peaks();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (failure.get() != null) {
        throw new IllegalStateException("a load thread failed", failure.get());
      }
      long total = 0;
      for (long b : bytes) {
        total += b;
      }
      long pagesWritten = engine.bufferPool().pagesWritten() - written;
      return new Result(
          o,
          perThread * o.threads(),
          total,
          seconds,
          engine.bufferPool().frameCount(),
          peaks,
          pagesWritten,
          tree.verify());
    }
  }

  /** One Markdown table row per figure, with the exact settings. */
  public static void print(Result r, PrintStream out) {
    Options o = r.options();
    out.printf(
        Locale.ROOT,
        "large load: %d MiB of rows, pool %d MiB (%d frames), redo capacity %d MiB,"
            + " %d threads, %d rows per transaction%n%n",
        r.bytes() >> 20,
        o.poolBytes() >> 20,
        r.frames(),
        o.redoCapacity() >> 20,
        o.threads(),
        o.batch());
    out.println("| measure | value |");
    out.println("|---|---:|");
    row(out, "rows", "%d", r.rows());
    row(out, "time (s)", "%.1f", r.seconds());
    row(out, "rows/s", "%.0f", r.rowsPerSecond());
    row(out, "MiB/s of rows", "%.1f", r.mibPerSecond());
    row(out, "max checkpoint age (MiB)", "%.2f", r.peaks().maxCheckpointAge() / 1048576.0);
    row(
        out,
        "max checkpoint age / capacity",
        "%.3f",
        (double) r.peaks().maxCheckpointAge() / o.redoCapacity());
    row(out, "pool frames", "%d", r.frames());
    row(out, "max resident pages", "%d", r.peaks().maxResident());
    row(out, "max dirty pages", "%d", r.peaks().maxDirty());
    row(out, "pages written back", "%d", r.pagesWritten());
    row(out, "samples", "%d", r.peaks().samples());
    row(out, "tree check", "%s", r.verify().toString());
  }

  private static void row(PrintStream out, String name, String format, Object value) {
    out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, value);
  }
}
