package io.dolly.bench;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * sysbench's {@code sbtest} table ({@code id INT PRIMARY KEY, k INT, c CHAR(120), pad CHAR(60), KEY
 * k_1 (k)}) through the data dictionary's {@link Table}, one thread, each operation in its own
 * transaction: a primary-key point select (with and without a transaction), a lookup through the
 * secondary index, an update of the indexed column (the entry moves) and of a plain one, and an
 * insert. The pool holds everything and commits do not wait for fsync, as in {@link
 * BTreeBenchmark}, whose {@code pointLookup} and {@code sequentialInsert} (the bare clustered tree)
 * are the reference for what rows, locks and undo cost on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class TableBenchmark {
  @Param({"100000"})
  public int rows;

  private Path dir;
  private StorageEngine engine;
  private TransactionManager txns;
  private Table table;
  private SplittableRandom rnd;
  private int nextId;

  static TableDefinition sbtest() {
    ColumnSpec integer = ColumnSpec.integer(ColumnKind.INT, false, false);
    Collation ci = Collation.UTF8MB4_0900_AI_CI;
    return new TableDefinition(
        "sbtest",
        "sbtest1",
        List.of(
            new ColumnDefinition("id", integer, "int", false, null, true, ""),
            new ColumnDefinition("k", integer, "int", true, "0", false, ""),
            new ColumnDefinition(
                "c",
                ColumnSpec.string(ColumnKind.CHAR, 120, ci, false),
                "char(120)",
                true,
                "''",
                false,
                ""),
            new ColumnDefinition(
                "pad",
                ColumnSpec.string(ColumnKind.CHAR, 60, ci, false),
                "char(60)",
                true,
                "''",
                false,
                "")),
        List.of(
            IndexDefinition.of("PRIMARY", IndexKind.PRIMARY, "id"),
            IndexDefinition.of("k_1", IndexKind.INDEX, "k")),
        Map.of("engine", "InnoDB"));
  }

  private Object[] row(long id) {
    return new Object[] {id, (long) rnd.nextInt(rows), digits(119), digits(59)};
  }

  private String digits(int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = i % 12 == 11 ? '-' : (char) ('0' + rnd.nextInt(10));
    }
    return new String(c);
  }

  @Setup(Level.Trial)
  public void load() {
    try {
      dir = Files.createTempDirectory("dolly-bench-table");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = StorageEngine.open(dir, BTreeBenchmark.config(BTreeBenchmark.Pool.LARGE));
    txns = TransactionManager.open(engine);
    Dictionary dictionary = Dictionary.open(engine, txns);
    dictionary.createSchema(
        new SchemaDefinition("sbtest", "utf8mb4", "utf8mb4_0900_ai_ci", false, false));
    table = dictionary.createTable(sbtest());
    rnd = new SplittableRandom(1);
    for (int id = 1; id <= rows; ) {
      try (Transaction trx = txns.begin()) {
        for (int n = 0; n < 1000 && id <= rows; n++, id++) {
          table.insert(trx, row(id));
        }
        trx.commit();
      }
    }
    nextId = rows + 1;
    engine.checkpoint();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    engine.close();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Object[] key() {
    return new Object[] {(long) 1 + rnd.nextInt(rows)};
  }

  @Benchmark
  public Optional<Object[]> pointSelect() {
    try (Transaction trx = txns.begin()) {
      Optional<Object[]> r = table.lookup(trx, null, key(), ReadMode.CONSISTENT);
      trx.commit();
      return r;
    }
  }

  @Benchmark
  public Optional<Object[]> pointSelectWithoutTransaction() {
    return table.lookup(null, null, key(), ReadMode.CONSISTENT);
  }

  @Benchmark
  public Optional<Object[]> secondaryLookup() {
    try (Transaction trx = txns.begin()) {
      Optional<Object[]> r =
          table.lookup(trx, "k_1", new Object[] {(long) rnd.nextInt(rows)}, ReadMode.CONSISTENT);
      trx.commit();
      return r;
    }
  }

  /** sysbench's index update: k = k + 1, so the row's k_1 entry moves. */
  @Benchmark
  public boolean updateIndexed() {
    return update(1);
  }

  /** sysbench's non-index update: a new c. */
  @Benchmark
  public boolean updateNonIndexed() {
    return update(2);
  }

  private boolean update(int column) {
    try (Transaction trx = txns.begin()) {
      Object[] old = table.lookup(trx, null, key(), ReadMode.EXCLUSIVE).orElseThrow();
      Object[] updated = old.clone();
      updated[column] = column == 1 ? (Long) old[1] + 1 : digits(119);
      boolean done = table.update(trx, old, updated);
      trx.commit();
      return done;
    }
  }

  @Benchmark
  public long insert() {
    try (Transaction trx = txns.begin()) {
      long id = table.insert(trx, row(nextId++));
      trx.commit();
      return id;
    }
  }

  Table table() {
    return table;
  }
}
