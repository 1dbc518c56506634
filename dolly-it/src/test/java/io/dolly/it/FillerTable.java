package io.dolly.it;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Bulk data for clone tests until tables arrive through SQL: one B-tree in {@code filler/rows.ibd},
 * written offline through the storage engine into a stopped server's data directory (the server
 * discovers the tablespace when it starts). Rows are seeded random bytes, so a copy can be checked
 * row for row.
 *
 * <p>Also a command line for bench/clone-local.sh: {@code FillerTable <datadir> <MiB> [seed]}.
 */
record FillerTable(int spaceId, int rootPageNo, long rows, long checksum) {
  static final String FILE = "filler/rows.ibd";
  private static final int VALUE_BYTES = 3000;

  static FillerTable fill(Path datadir, long mebibytes, long seed) {
    try (StorageEngine engine =
        StorageEngine.open(datadir, StorageConfig.defaults().withBufferPoolSize(256L << 20))) {
      int space = engine.createTablespace(FILE);
      int root;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        root = BTree.create(mtr, space);
        mtr.commit();
      }
      BTree tree = BTree.open(engine::beginMiniTransaction, space, root);
      SplittableRandom rnd = new SplittableRandom(seed);
      long rows = (mebibytes << 20) / VALUE_BYTES;
      CRC32C crc = new CRC32C();
      byte[] value = new byte[VALUE_BYTES];
      for (long i = 0; i < rows; i++) {
        rnd.nextBytes(value);
        byte[] key = ByteBuffer.allocate(8).putLong(i).array();
        tree.insert(key, value);
        crc.update(key);
        crc.update(value);
      }
      return new FillerTable(space, root, rows, crc.getValue());
    }
  }

  /** Opens a (stopped) copy and checks that it holds exactly these rows. */
  boolean presentIn(Path datadir) {
    try (StorageEngine engine = StorageEngine.open(datadir, StorageConfig.defaults())) {
      BTree tree = BTree.open(engine::beginMiniTransaction, spaceId, rootPageNo);
      CRC32C crc = new CRC32C();
      long n = 0;
      try (var c = tree.scan()) {
        while (c.next()) {
          crc.update(c.key());
          crc.update(c.value());
          n++;
        }
      }
      return n == rows && crc.getValue() == checksum && tree.verify().ok();
    }
  }

  public static void main(String[] args) {
    FillerTable t =
        fill(
            Path.of(args[0]),
            Long.parseLong(args[1]),
            args.length > 2 ? Long.parseLong(args[2]) : 1);
    System.out.println(t);
  }
}
