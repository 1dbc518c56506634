package io.dolly.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
 * The reference for {@link BTreeBenchmark}: the same keys, rows and operations on a {@code
 * TreeMap<byte[], byte[]>} ordered by unsigned bytes, as the B+tree orders them. It has no pages,
 * latches, redo or copies of values, so it bounds what an in-memory ordered index can do on this
 * machine in the same run; the B+tree's figure divided by this one is the ratio to watch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SortedMapBenchmark {
  @Param({"100000"})
  public int rows;

  private TreeMap<byte[], byte[]> map;
  private SplittableRandom rnd;
  private byte[] insertRow;
  private long nextInsertId;

  @Setup(Level.Trial)
  public void load() {
    map = new TreeMap<>(Arrays::compareUnsigned);
    SplittableRandom rows7 = new SplittableRandom(7);
    for (int id = 0; id < rows; id++) {
      map.put(SbtestTable.key(id), SbtestTable.row(rows7));
    }
    rnd = new SplittableRandom(1);
    insertRow = SbtestTable.row(rnd);
    nextInsertId = rows;
  }

  /**
   * Drops what the insert benchmark added: at millions of inserts a second the map would otherwise
   * outgrow the heap within a few iterations (the B+tree keeps its rows, on pages).
   */
  @TearDown(Level.Iteration)
  public void dropInserted() {
    map.tailMap(SbtestTable.key(rows), true).clear();
    nextInsertId = rows;
  }

  @Benchmark
  public byte[] sequentialInsert() {
    return map.put(SbtestTable.key(nextInsertId++), insertRow);
  }

  @Benchmark
  public byte[] pointLookup() {
    return map.get(SbtestTable.key(rnd.nextInt(rows)));
  }

  @Benchmark
  public int rangeScan100(Blackhole bh) {
    int n = 0;
    Iterator<byte[]> it =
        map.tailMap(SbtestTable.key(rnd.nextInt(rows - BTreeBenchmark.SCAN_ROWS)), true)
            .values()
            .iterator();
    while (n < BTreeBenchmark.SCAN_ROWS && it.hasNext()) {
      bh.consume(it.next());
      n++;
    }
    return n;
  }
}
