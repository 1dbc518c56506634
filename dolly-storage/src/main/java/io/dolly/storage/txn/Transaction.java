package io.dolly.storage.txn;

import io.dolly.storage.btree.BTree;
import io.dolly.storage.btree.DuplicateKeyException;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.record.RowFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One transaction. Every change goes through here: it takes an exclusive row lock, reads the old
 * value, then in one mini-transaction writes the undo record and changes the index, so that redo
 * makes both atomic. Reads take shared locks; all locks are held until commit or rollback.
 *
 * <p>Clustered-index rows ({@link #insert}, {@link #update}) are {@link RowFormat} rows: their
 * DB_TRX_ID and DB_ROLL_PTR are set here. Secondary-index entries ({@link #insertEntry}) are stored
 * as given. {@link #delete} works on either.
 *
 * <p>Statement atomicity: between {@link #statementBegin} and {@link #statementEnd}, a failure can
 * be undone with {@link #statementRollback} without touching earlier statements. A lock wait
 * timeout rolls back the current statement itself; a deadlock rolls back the whole transaction.
 *
 * <p>Used by one thread at a time (a session).
 */
public final class Transaction implements AutoCloseable {
  private enum State {
    ACTIVE,
    COMMITTED,
    ROLLED_BACK
  }

  @FunctionalInterface
  private interface Change {
    void apply(MiniTransaction mtr, long rollPointer);
  }

  private final TransactionManager manager;
  private final long id;
  private final UndoLog undo;
  private final Set<LockKey> locks = new LinkedHashSet<>();
  private final Map<String, UndoPosition> savepoints = new LinkedHashMap<>();
  private final Map<Long, BTree> trees = new HashMap<>();
  private Duration lockWaitTimeout;
  private UndoPosition statementStart;
  private State state = State.ACTIVE;

  Transaction(TransactionManager manager, long id, UndoLog undo, Duration lockWaitTimeout) {
    this.manager = manager;
    this.id = id;
    this.undo = undo;
    this.lockWaitTimeout = lockWaitTimeout;
  }

  public long id() {
    return id;
  }

  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** True when this transaction has changed something (it has undo records). */
  public boolean hasChanges() {
    return !undo.isEmpty();
  }

  /** innodb_lock_wait_timeout for this transaction's lock waits from now on. */
  public void lockWaitTimeout(Duration timeout) {
    this.lockWaitTimeout = timeout;
  }

  // ------------------------------------------------------------------ reads and locks

  /** The value under {@code key} with a shared lock on the key (absent keys are locked too). */
  public byte[] read(BTree tree, byte[] key) {
    lock(tree, key, LockMode.SHARED);
    return tree.get(key);
  }

  /** The value under {@code key} with an exclusive lock (SELECT ... FOR UPDATE). */
  public byte[] readForUpdate(BTree tree, byte[] key) {
    lock(tree, key, LockMode.EXCLUSIVE);
    return tree.get(key);
  }

  /**
   * A committed read without a lasting lock (READ COMMITTED for plain SELECT): waits until no other
   * transaction holds an exclusive lock on {@code key}, reads, and releases the shared lock again
   * unless this transaction held a lock on the key before.
   */
  public byte[] readCommitted(BTree tree, byte[] key) {
    LockKey k = new LockKey(tree.spaceId(), tree.rootPageNo(), key.clone());
    if (locks.contains(k)) {
      return tree.get(key);
    }
    lock(tree, key, LockMode.SHARED);
    try {
      return tree.get(key);
    } finally {
      locks.remove(k);
      manager.locks().releaseAll(id, List.of(k));
    }
  }

  /**
   * Like {@link #scan} but every key is read as {@link #readCommitted} reads it: committed values
   * only, no lock kept.
   */
  public LockingCursor scanCommitted(
      BTree tree,
      byte[] from,
      boolean fromInclusive,
      byte[] to,
      boolean toInclusive,
      boolean ascending) {
    ensureActive();
    return new LockingCursor(
        this, tree, tree.scan(from, fromInclusive, to, toInclusive, ascending), null);
  }

  /**
   * A scan of keys between the bounds (null = unbounded) that locks every key it returns in {@code
   * mode} and never returns uncommitted changes of other transactions; see {@link LockingCursor}.
   */
  public LockingCursor scan(
      BTree tree,
      byte[] from,
      boolean fromInclusive,
      byte[] to,
      boolean toInclusive,
      boolean ascending,
      LockMode mode) {
    ensureActive();
    return new LockingCursor(
        this, tree, tree.scan(from, fromInclusive, to, toInclusive, ascending), mode);
  }

  /**
   * Locks {@code key} of {@code tree} until the transaction ends.
   *
   * @throws LockWaitTimeoutException after rolling back the current statement
   * @throws DeadlockException after rolling back the whole transaction
   */
  public void lock(BTree tree, byte[] key, LockMode mode) {
    ensureActive();
    LockKey k = new LockKey(tree.spaceId(), tree.rootPageNo(), key.clone());
    LockTable.Refusal refusal;
    try {
      refusal = manager.locks().acquire(id, k, mode, lockWaitTimeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      statementRollback();
      throw new LockWaitTimeoutException("interrupted while waiting for a lock on " + k);
    }
    if (refusal == null) {
      locks.add(k);
      return;
    }
    if (refusal == LockTable.Refusal.DEADLOCK) {
      rollback();
      throw new DeadlockException(
          "Deadlock found when trying to get lock; try restarting transaction (transaction "
              + id
              + ", "
              + k
              + ")");
    }
    statementRollback();
    throw new LockWaitTimeoutException(
        "Lock wait timeout exceeded; try restarting transaction (transaction "
            + id
            + ", "
            + k
            + ")");
  }

  // ------------------------------------------------------------------ changes

  /** Inserts a clustered-index row; throws {@link DuplicateKeyException} if the key exists. */
  public void insert(BTree tree, byte[] key, byte[] row) {
    checkRow(row);
    lock(tree, key, LockMode.EXCLUSIVE);
    if (tree.get(key) != null) {
      throw new DuplicateKeyException(tree.spaceId(), tree.rootPageNo(), key);
    }
    change(tree, key, null, (mtr, rp) -> tree.insert(mtr, key, stamped(row, rp)));
  }

  /** Replaces a clustered-index row; returns false (changing nothing) if the key is absent. */
  public boolean update(BTree tree, byte[] key, byte[] newRow) {
    checkRow(newRow);
    lock(tree, key, LockMode.EXCLUSIVE);
    byte[] old = tree.get(key);
    if (old == null) {
      return false;
    }
    change(tree, key, old, (mtr, rp) -> tree.update(mtr, key, stamped(newRow, rp)));
    return true;
  }

  /** Removes a key (a row or a secondary entry); returns false if it was absent. */
  public boolean delete(BTree tree, byte[] key) {
    lock(tree, key, LockMode.EXCLUSIVE);
    byte[] old = tree.get(key);
    if (old == null) {
      return false;
    }
    change(tree, key, old, (mtr, rp) -> tree.delete(mtr, key));
    return true;
  }

  /** Inserts a secondary-index entry as given; throws {@link DuplicateKeyException} if present. */
  public void insertEntry(BTree tree, byte[] key, byte[] value) {
    lock(tree, key, LockMode.EXCLUSIVE);
    if (tree.get(key) != null) {
      throw new DuplicateKeyException(tree.spaceId(), tree.rootPageNo(), key);
    }
    change(tree, key, null, (mtr, rp) -> tree.insert(mtr, key, value));
  }

  /** Replaces a secondary-style entry's value as given; false (changing nothing) if absent. */
  public boolean updateEntry(BTree tree, byte[] key, byte[] value) {
    lock(tree, key, LockMode.EXCLUSIVE);
    byte[] old = tree.get(key);
    if (old == null) {
      return false;
    }
    change(tree, key, old, (mtr, rp) -> tree.update(mtr, key, value));
    return true;
  }

  private static void checkRow(byte[] row) {
    if (row.length < RowFormat.NULL_BITMAP) {
      throw new IllegalArgumentException(
          "a clustered-index row has at least " + RowFormat.NULL_BITMAP + " header bytes");
    }
  }

  private byte[] stamped(byte[] row, long rollPointer) {
    return RowFormat.withHeader(row.clone(), id, rollPointer);
  }

  /** Undo record and index change in one mini-transaction (undo pages latched first). */
  private void change(BTree tree, byte[] key, byte[] oldValue, Change change) {
    trees.putIfAbsent(UndoRecord.treeId(tree.spaceId(), tree.rootPageNo()), tree);
    UndoRecord record = new UndoRecord(tree.spaceId(), tree.rootPageNo(), key.clone(), oldValue);
    try (MiniTransaction mtr = manager.engine().beginMiniTransaction()) {
      try {
        long rollPointer = undo.append(mtr, record);
        change.apply(mtr, rollPointer);
        mtr.commit();
      } catch (RuntimeException e) {
        undo.abandon();
        throw e;
      }
      undo.confirm();
    }
  }

  // ------------------------------------------------------------------ statements and savepoints

  /** Marks the start of a statement: {@link #statementRollback} returns here. */
  public void statementBegin() {
    ensureActive();
    statementStart = undo.end();
  }

  /** The statement succeeded. */
  public void statementEnd() {
    statementStart = null;
  }

  /**
   * Undoes the current statement's changes (nothing when no statement was begun); its locks stay,
   * as in InnoDB.
   */
  public void statementRollback() {
    if (state == State.ACTIVE && statementStart != null) {
      rollBackTo(statementStart);
      statementStart = null;
    }
  }

  /** SAVEPOINT name (an existing savepoint of that name is replaced). */
  public void savepoint(String name) {
    ensureActive();
    savepoints.remove(name);
    savepoints.put(name, undo.end());
  }

  /** ROLLBACK TO SAVEPOINT name: undoes later changes and forgets later savepoints. */
  public void rollbackToSavepoint(String name) {
    ensureActive();
    UndoPosition at = savepoints.get(name);
    if (at == null) {
      throw new NoSuchSavepointException(name);
    }
    forgetAfter(name, false);
    rollBackTo(at);
  }

  /** RELEASE SAVEPOINT name: forgets it and every later savepoint. */
  public void releaseSavepoint(String name) {
    ensureActive();
    if (!savepoints.containsKey(name)) {
      throw new NoSuchSavepointException(name);
    }
    forgetAfter(name, true);
  }

  private void forgetAfter(String name, boolean inclusive) {
    List<String> names = new ArrayList<>(savepoints.keySet());
    int i = names.indexOf(name);
    for (String n : names.subList(inclusive ? i : i + 1, names.size())) {
      savepoints.remove(n);
    }
  }

  private void rollBackTo(UndoPosition at) {
    undo.undoAfter(manager.mtrs(), at, this::apply);
    undo.truncate(manager.mtrs(), at);
  }

  private void apply(UndoRecord r) {
    manager.undo(trees, r);
  }

  // ------------------------------------------------------------------ end

  /**
   * Commits: the undo log is marked COMMITTED in a mini-transaction (the commit record), purged at
   * once (no reader needs old versions without MVCC), and the call returns after the redo is
   * durable as innodb_flush_log_at_trx_commit requires. A log of one page is removed from its
   * rollback segment in a single mini-transaction instead, which is then the commit record. Locks
   * are released last.
   */
  public void commit() {
    ensureActive();
    try {
      if (!undo.isEmpty()) {
        long lsn = 0;
        if (!undo.singlePage()) {
          // Freeing takes several mini-transactions: commit first, so that recovery purges the
          // rest instead of rolling back a half-freed log.
          try (MiniTransaction mtr = manager.engine().beginMiniTransaction()) {
            undo.markCommitted(mtr);
            mtr.commit();
            lsn = mtr.commitLsn();
          }
        }
        // A one-page log is freed and unregistered in one mini-transaction: that is the commit.
        lsn = Math.max(lsn, undo.free(manager.mtrs()));
        manager.engine().waitDurable(lsn);
      }
      state = State.COMMITTED;
    } finally {
      end();
    }
  }

  /** Undoes every change and ends the transaction. Does nothing if it already ended. */
  public void rollback() {
    if (state != State.ACTIVE) {
      return;
    }
    try {
      undo.undoAfter(manager.mtrs(), UndoPosition.EMPTY, this::apply);
      undo.free(manager.mtrs());
      state = State.ROLLED_BACK;
    } finally {
      end();
    }
  }

  private void end() {
    if (state == State.ACTIVE) {
      // A failure (the engine halted) in the middle of commit or rollback: the undo log stays in
      // its rollback segment and recovery decides.
      state = State.ROLLED_BACK;
    }
    savepoints.clear();
    statementStart = null;
    manager.locks().releaseAll(id, locks);
    locks.clear();
    manager.ended(this);
  }

  /** Rolls back if still active (a session closing without COMMIT). */
  @Override
  public void close() {
    rollback();
  }

  private void ensureActive() {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("transaction " + id + " has ended (" + state + ")");
    }
  }
}
