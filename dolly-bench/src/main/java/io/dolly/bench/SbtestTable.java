package io.dolly.bench;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import io.dolly.storage.record.KeyEncoder;
import io.dolly.storage.record.RowFormat;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sysbench {@code sbtest} table as the clustered B+tree sees it: key {@code id INT}, row {@code
 * (k INT, c CHAR(120), pad CHAR(60))} in {@link RowFormat} (about 200 bytes a row), in a real
 * {@link StorageEngine} opened on a fresh temporary data directory that {@link #close()} deletes.
 */
public final class SbtestTable implements AutoCloseable {
  private static final KeyEncoder KEY =
      new KeyEncoder(List.of(ColumnSpec.integer(ColumnKind.INT, false, false)));
  private static final RowFormat ROW =
      new RowFormat(
          List.of(
              ColumnSpec.integer(ColumnKind.INT, false, false),
              ColumnSpec.string(ColumnKind.CHAR, 120, Collation.UTF8MB4_0900_AI_CI, false),
              ColumnSpec.string(ColumnKind.CHAR, 60, Collation.UTF8MB4_0900_AI_CI, false)));

  /** The table's file, relative to the data directory. */
  public static final String FILE = "sbtest/sbtest1.ibd";

  /** Rows inserted per mini-transaction while loading: few enough to keep each group small. */
  private static final int LOAD_BATCH = 64;

  private final Path datadir;
  private final StorageEngine engine;
  private final BTree tree;

  private SbtestTable(Path datadir, StorageEngine engine, BTree tree) {
    this.datadir = datadir;
    this.engine = engine;
    this.tree = tree;
  }

  /**
   * Opens an engine in a new directory under {@code parent} (the system temp directory when null),
   * creates {@code sbtest/sbtest1.ibd} with an empty tree, and loads rows {@code 0..rows-1} in
   * ascending order; the load is checkpointed, so measurements start with a clean buffer pool.
   */
  public static SbtestTable create(Path parent, StorageConfig config, int rows) {
    Path dir;
    try {
      dir =
          parent == null
              ? Files.createTempDirectory("dolly-bench")
              : Files.createTempDirectory(parent, "dolly-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StorageEngine engine = StorageEngine.open(dir, config);
    try {
      int space = engine.createTablespace(FILE);
      int root;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        root = BTree.create(mtr, space);
        mtr.commit();
      }
      BTree tree = BTree.open(engine::beginMiniTransaction, space, root);
      SbtestTable table = new SbtestTable(dir, engine, tree);
      table.load(rows);
      engine.checkpoint();
      return table;
    } catch (RuntimeException e) {
      engine.close();
      delete(dir);
      throw e;
    }
  }

  private void load(int rows) {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int id = 0; id < rows; ) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        for (int i = 0; i < LOAD_BATCH && id < rows; i++, id++) {
          tree.insert(mtr, key(id), row(rnd));
        }
        mtr.commit();
      }
    }
  }

  /**
   * Inserts rows {@code first .. first+count-1} ascending through {@code transactions}, {@code
   * batch} rows per transaction, each committed as the engine's flush policy says; returns the key
   * and row bytes inserted. One session: call it from one thread per key range.
   */
  public long insert(
      TransactionManager transactions, long first, long count, int batch, SplittableRandom rnd) {
    long bytes = 0;
    long id = first;
    long end = first + count;
    while (id < end) {
      try (Transaction trx = transactions.begin()) {
        for (int i = 0; i < batch && id < end; i++, id++) {
          byte[] key = key(id);
          byte[] row = row(rnd);
          trx.insert(tree, key, row);
          bytes += key.length + row.length;
        }
        trx.commit();
      }
    }
    return bytes;
  }

  /** The clustered-index key of row {@code id}. */
  public static byte[] key(long id) {
    return KEY.encode(id);
  }

  /** A row with sysbench-like random values, as stored in the clustered index. */
  public static byte[] row(SplittableRandom rnd) {
    return ROW.encode(
        0, 0, new Object[] {(long) rnd.nextInt(1 << 20), digits(rnd, 119), digits(rnd, 59)});
  }

  private static String digits(SplittableRandom rnd, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = i % 12 == 11 ? '-' : (char) ('0' + rnd.nextInt(10));
    }
    return new String(c);
  }

  public StorageEngine engine() {
    return engine;
  }

  public BTree tree() {
    return tree;
  }

  public Path datadir() {
    return datadir;
  }

  /** Closes the engine (clean shutdown) and deletes its directory. */
  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      delete(datadir);
    }
  }

  private static void delete(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
