package io.dolly.storage.txn;

import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Shared setup of the transaction tests: small engines, trees, keys and rows. */
final class TxnFixture {
  private TxnFixture() {}

  static StorageConfig small(StorageFileSystem fs) {
    return StorageConfig.defaults()
        .withBufferPoolSize(4 << 20)
        .withRedoLogCapacity(8 << 20)
        .withRedoBufferSize(1 << 20)
        .withFileSystem(fs);
  }

  /** Creates a tablespace with one tree; returns the tree. */
  static BTree createTree(StorageEngine engine, String file) {
    int space = engine.createTablespace(file);
    int root;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      root = BTree.create(mtr, space);
      mtr.commit();
    }
    return BTree.open(engine::beginMiniTransaction, space, root);
  }

  /** A second tree in an existing tablespace. */
  static BTree createTree(StorageEngine engine, int space) {
    int root;
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      root = BTree.create(mtr, space);
      mtr.commit();
    }
    return BTree.open(engine::beginMiniTransaction, space, root);
  }

  static BTree reopen(StorageEngine engine, BTree tree) {
    return BTree.open(engine::beginMiniTransaction, tree.spaceId(), tree.rootPageNo());
  }

  static byte[] key(long k) {
    return ByteBuffer.allocate(8).putLong(k).array();
  }

  /** A row: 13 header bytes (set by the transaction) then an 8-byte value. */
  static byte[] row(long value) {
    return ByteBuffer.allocate(21).putLong(13, value).array();
  }

  static long value(byte[] row) {
    return ByteBuffer.wrap(row).getLong(13);
  }

  /** Seed from -D{@code name}.seed=, else random; printed so a failure can be replayed. */
  static long seed(String name) {
    String fixed = System.getProperty(name + ".seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    System.out.println(name + " seed=" + seed);
    return seed;
  }

  static int rounds(String name, int fast) {
    return Integer.getInteger(name + ".rounds", fast);
  }
}
