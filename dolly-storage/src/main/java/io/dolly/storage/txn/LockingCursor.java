package io.dolly.storage.txn;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.BTreeCursor;
import java.util.NoSuchElementException;

/**
 * A range scan that locks each key before returning it and then reads its current value, so that a
 * scan never returns another transaction's uncommitted change: it waits for that transaction to
 * end, and skips the key if it is gone by then. The underlying {@link BTreeCursor} copies records
 * in batches and holds no latch between calls, so waiting for a lock here is safe. Keys inserted
 * behind the cursor's batch are not seen (no gap locks: phantoms are possible).
 *
 * <p>Without a mode ({@link Transaction#scanCommitted}) each key is read committed and no lock is
 * kept.
 */
public final class LockingCursor implements AutoCloseable {
  private final Transaction trx;
  private final BTree tree;
  private final BTreeCursor cursor;
  private final LockMode mode;
  private byte[] key;
  private byte[] value;

  LockingCursor(Transaction trx, BTree tree, BTreeCursor cursor, LockMode mode) {
    this.trx = trx;
    this.tree = tree;
    this.cursor = cursor;
    this.mode = mode;
  }

  /**
   * Moves to the next existing key, locked.
   *
   * @throws LockWaitTimeoutException after rolling back the current statement
   * @throws DeadlockException after rolling back the whole transaction
   */
  public boolean next() {
    while (cursor.next()) {
      byte[] k = cursor.key();
      byte[] v;
      if (mode == null) {
        v = trx.readCommitted(tree, k);
      } else {
        trx.lock(tree, k, mode);
        v = tree.get(k);
      }
      if (v != null) {
        key = k;
        value = v;
        return true;
      }
    }
    key = null;
    value = null;
    return false;
  }

  public byte[] key() {
    if (key == null) {
      throw new NoSuchElementException("cursor is not on a record");
    }
    return key;
  }

  public byte[] value() {
    if (value == null) {
      throw new NoSuchElementException("cursor is not on a record");
    }
    return value;
  }

  @Override
  public void close() {
    cursor.close();
  }
}
