package io.dolly.bench;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.redo.FlushPolicy;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rows through the whole engine, as a client session drives it: transactions (row locks, undo,
 * durable commit with {@code innodb_flush_log_at_trx_commit=1}) over the clustered tree of a
 * sysbench table ({@link SbtestTable}) whose files live on disk and whose pool is smaller than the
 * table. Two phases, each followed at once by its reference on the same files:
 *
 * <ul>
 *   <li>sequential insert: one session inserts rows {@code 0..rows-1} in transactions of {@code
 *       batch} rows. Reference: the same key and row bytes appended to a plain file with an
 *       fdatasync per batch, the least a durable load of these bytes costs.
 *   <li>random point lookups: each a transaction reading one random row, at each thread count for
 *       {@code seconds}. Reference: the same threads each reading one page ({@code pread}) at a
 *       random offset of the table's own file, the cost of the one page read a lookup needs when
 *       the pool misses.
 * </ul>
 *
 * <pre>
 * java -cp dolly-bench/target/benchmarks.jar io.dolly.bench.RowLoader \
 *     [--rows=1000000] [--batch=100] [--pool=64m] [--threads=1,4] [--seconds=5] [--dir=/tmp]
 * </pre>
 */
public final class RowLoader {
  /**
   * What to run.
   *
   * @param rows rows inserted
   * @param batch rows per insert transaction
   * @param poolBytes innodb_buffer_pool_size
   * @param threads lookup thread counts, each measured separately
   * @param time measured time of each lookup run
   * @param dir where the temporary data directory goes (null: the system temp directory)
   */
  public record Options(
      int rows, int batch, long poolBytes, List<Integer> threads, Duration time, Path dir) {
    public static Options defaults() {
      return new Options(1_000_000, 100, 64L << 20, List.of(1, 4), Duration.ofSeconds(5), null);
    }

    /** Parses {@code --name=value} arguments over the defaults; sizes take k, m and g. */
    public static Options parse(String... args) {
      Options o = defaults();
      for (Map.Entry<String, String> arg : LoaderArguments.parse(args).entrySet()) {
        String v = arg.getValue();
        o =
            switch (arg.getKey()) {
              case "rows" ->
                  new Options(Integer.parseInt(v), o.batch, o.poolBytes, o.threads, o.time, o.dir);
              case "batch" ->
                  new Options(o.rows, Integer.parseInt(v), o.poolBytes, o.threads, o.time, o.dir);
              case "pool" ->
                  new Options(o.rows, o.batch, LoaderArguments.size(v), o.threads, o.time, o.dir);
              case "threads" ->
                  new Options(
                      o.rows, o.batch, o.poolBytes, LoaderArguments.integers(v), o.time, o.dir);
              case "seconds" ->
                  new Options(
                      o.rows, o.batch, o.poolBytes, o.threads, LoaderArguments.seconds(v), o.dir);
              case "dir" ->
                  new Options(o.rows, o.batch, o.poolBytes, o.threads, o.time, Path.of(v));
              default -> throw new IllegalArgumentException("unknown option --" + arg.getKey());
            };
      }
      return o;
    }
  }

  /**
   * One figure and its reference, measured back to back.
   *
   * @param operation what the engine did
   * @param perSecond the engine's operations per second
   * @param reference what the reference did
   * @param referencePerSecond the reference's operations per second
   */
  public record Figure(
      String operation, double perSecond, String reference, double referencePerSecond) {
    public double ratio() {
      return perSecond / referencePerSecond;
    }
  }

  /**
   * What a run measured.
   *
   * @param options what was asked
   * @param tableBytes size of the table's file after the load
   * @param figures sequential insert first, then lookups per thread count
   */
  public record Result(Options options, long tableBytes, List<Figure> figures) {}

  private RowLoader() {}

  public static void main(String[] args) throws Exception {
    print(run(Options.parse(args)), System.out);
  }

  static StorageConfig config(Options o) {
    return StorageConfig.defaults()
        .withBufferPoolSize(o.poolBytes())
        .withFlushPolicy(FlushPolicy.SYNC_AT_COMMIT);
  }

  public static Result run(Options o) throws IOException, InterruptedException {
    try (SbtestTable table = SbtestTable.create(o.dir(), config(o), 0)) {
      TransactionManager transactions = TransactionManager.open(table.engine());
      BTree tree = table.tree();
      List<Figure> figures = new ArrayList<>();

      long t0 = System.nanoTime();
      long bytes = table.insert(transactions, 0, o.rows(), o.batch(), new SplittableRandom(11));
      double insertSeconds = (System.nanoTime() - t0) / 1e9;
      double appendSeconds =
          DurableAppendReference.seconds(table.datadir(), o.rows(), o.batch(), bytes);
      figures.add(
          new Figure(
              "sequential insert, rows/s (" + o.batch() + " rows per durable transaction)",
              o.rows() / insertSeconds,
              "append the same bytes + fdatasync per " + o.batch() + " rows",
              o.rows() / appendSeconds));

      Path file = table.datadir().resolve(SbtestTable.FILE);
      long tableBytes = table.engine().tablespaces().get(tree.spaceId()).sizeInBytes();
      for (int threads : o.threads()) {
        ClosedLoop.Outcome lookups = lookups(transactions, tree, threads, o);
        ClosedLoop.Outcome reads =
            PageReadReference.run(file, tableBytes, tree.pageSize(), threads, o.time());
        figures.add(
            new Figure(
                "point lookup, lookups/s (" + threads + " thread" + (threads > 1 ? "s)" : ")"),
                lookups.perSecond(),
                "pread of one page at a random offset of the table file",
                reads.perSecond()));
      }
      return new Result(o, tableBytes, figures);
    }
  }

  private static ClosedLoop.Outcome lookups(
      TransactionManager transactions, BTree tree, int threads, Options o)
      throws InterruptedException {
    SplittableRandom[] rnd = new SplittableRandom[threads];
    for (int t = 0; t < threads; t++) {
      rnd[t] = new SplittableRandom(100 + t);
    }
    return ClosedLoop.run(
        threads,
        o.time(),
        (thread, seq) -> {
          try (Transaction trx = transactions.begin()) {
            if (trx.read(tree, SbtestTable.key(rnd[thread].nextInt(o.rows()))) == null) {
              throw new IllegalStateException("a loaded row is missing");
            }
            trx.commit();
          }
        });
  }

  /** The Markdown table of {@code docs/benchmarks.md}. */
  public static void print(Result r, PrintStream out) {
    Options o = r.options();
    out.printf(
        Locale.ROOT,
        "%d rows (%d MiB table file), pool %d MiB, %.0f s per lookup run%n%n",
        o.rows(),
        r.tableBytes() >> 20,
        o.poolBytes() >> 20,
        o.time().toMillis() / 1000.0);
    out.println("| operation | engine/s | reference | reference/s | ratio |");
    out.println("|---|---:|---|---:|---:|");
    for (Figure f : r.figures()) {
      out.printf(
          Locale.ROOT,
          "| %s | %.0f | %s | %.0f | %.2f× |%n",
          f.operation(),
          f.perSecond(),
          f.reference(),
          f.referencePerSecond(),
          f.ratio());
    }
  }
}
