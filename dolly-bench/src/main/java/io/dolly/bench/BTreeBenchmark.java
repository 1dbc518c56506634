package io.dolly.bench;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import io.dolly.storage.redo.FlushPolicy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The clustered B+tree of a real {@link io.dolly.storage.StorageEngine} in a temporary directory,
 * one thread, each operation in its own mini-transaction: sequential insert (after the last key),
 * random point lookup, and a 100-row ascending range scan, over a sysbench-sized table ({@link
 * SbtestTable}). The {@code LARGE} pool holds the whole table and everything the insert benchmark
 * adds; the {@code SMALL} one holds about a tenth of the loaded table, so lookups and scans read
 * pages from the file and inserts write dirty pages back. The redo log is not waited for ({@code
 * innodb_flush_log_at_trx_commit=0}): durable commits are {@link CommitLoader}'s subject.
 *
 * <p>The same operations on a {@code TreeMap} ({@link SortedMapBenchmark}) are the reference
 * printed beside these figures: the ratio is what pages, latches and redo cost over plain objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class BTreeBenchmark {
  /** Buffer pool sizes: LARGE holds everything, SMALL a fraction of the loaded rows. */
  public enum Pool {
    LARGE(1L << 30),
    SMALL(4L << 20);

    final long bytes;

    Pool(long bytes) {
      this.bytes = bytes;
    }
  }

  static final int SCAN_ROWS = 100;

  @Param({"LARGE", "SMALL"})
  public Pool pool;

  /** Rows loaded before measuring: sysbench's default table size. */
  @Param({"100000"})
  public int rows;

  private SbtestTable table;
  private BTree tree;
  private SplittableRandom rnd;
  private byte[] insertRow;
  private long nextInsertId;

  @Setup(Level.Trial)
  public void load() {
    table = SbtestTable.create(null, config(pool), rows);
    tree = table.tree();
    rnd = new SplittableRandom(1);
    insertRow = SbtestTable.row(rnd);
    nextInsertId = rows;
  }

  /** The engine settings the benchmark runs with; large redo so that inserts rarely wait on it. */
  static StorageConfig config(Pool pool) {
    return StorageConfig.defaults()
        .withBufferPoolSize(pool.bytes)
        .withRedoLogCapacity(512L << 20)
        .withFlushPolicy(FlushPolicy.WRITE_AND_SYNC_EVERY_SECOND);
  }

  @TearDown(Level.Trial)
  public void close() {
    table.close();
  }

  @Benchmark
  public void sequentialInsert() {
    tree.insert(SbtestTable.key(nextInsertId++), insertRow);
  }

  @Benchmark
  public byte[] pointLookup() {
    return tree.get(SbtestTable.key(rnd.nextInt(rows)));
  }

  @Benchmark
  public int rangeScan100(Blackhole bh) {
    int n = 0;
    try (BTreeCursor c =
        tree.scan(SbtestTable.key(rnd.nextInt(rows - SCAN_ROWS)), true, null, true, true)) {
      while (n < SCAN_ROWS && c.next()) {
        bh.consume(c.value());
        n++;
      }
    }
    return n;
  }
}
