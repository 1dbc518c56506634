package io.dolly.storage.txn;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.space.TablespaceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions of one {@link StorageEngine}: hands out transaction ids, owns the row lock table
 * and the two rollback segments (page 1 of {@code undo_001} and {@code undo_002}).
 *
 * <p>{@link #open} must be called once after {@link StorageEngine#open} and before any other work:
 * redo replay has restored the undo pages, and open rolls back every transaction that has no commit
 * (its undo log is still ACTIVE) and purges committed logs a crash left behind.
 *
 * <p>Transaction ids come from a counter whose high-water mark is persisted in batches in the
 * rollback segment of {@code undo_001}; a restart continues above it, so ids are never reused. The
 * reservation is a mini-transaction that precedes in redo every change made under the ids it
 * covers, so if any such change is durable, so is the reservation.
 */
public final class TransactionManager {
  static final long ID_BATCH = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);
  private static final Set<StorageEngine> OPENED = Collections.newSetFromMap(new WeakHashMap<>());

  private final StorageEngine engine;
  private final RollbackSegment[] segments;
  private final LockTable locks = new LockTable();
  private final Map<Long, Transaction> active = new ConcurrentHashMap<>();
  private final Recovered recovered;
  private volatile Duration lockWaitTimeout = Duration.ofSeconds(50);
  private long nextId;
  private long idLimit;

  /** What {@link #open} found: transactions rolled back, and committed logs purged. */
  public record Recovered(List<Long> rolledBack, int purged) {}

  private TransactionManager(StorageEngine engine) {
    this.engine = engine;
    this.segments =
        new RollbackSegment[] {
          new RollbackSegment(TablespaceRegistry.UNDO_1_SPACE_ID),
          new RollbackSegment(TablespaceRegistry.UNDO_2_SPACE_ID)
        };
    for (RollbackSegment s : segments) {
      boolean exists;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        exists = RollbackSegment.exists(mtr, s.spaceId());
      }
      if (!exists) {
        try (MiniTransaction mtr = engine.beginMiniTransaction()) {
          s.create(mtr);
          mtr.commit();
        }
      }
    }
    this.recovered = recoverAll();
  }

  /**
   * Opens the transaction system of a just-opened engine, rolling back what a crash left. Once per
   * engine: a second call would roll back the first one's live transactions.
   */
  public static TransactionManager open(StorageEngine engine) {
    synchronized (OPENED) {
      if (!OPENED.add(engine)) {
        throw new IllegalStateException("transactions of " + engine.datadir() + " already open");
      }
    }
    return new TransactionManager(engine);
  }

  private Recovered recoverAll() {
    List<Long> rolledBack = new ArrayList<>();
    int purged = 0;
    long maxId = 0;
    Map<Long, BTree> trees = new HashMap<>();
    for (RollbackSegment s : segments) {
      List<Integer> logs;
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        logs = s.logs(mtr);
      }
      for (int first : logs) {
        UndoLog log;
        int state;
        try (MiniTransaction mtr = engine.beginMiniTransaction()) {
          log = UndoLog.load(mtr, s, first, engine.pageSize());
          state = UndoLog.state(mtr, s.spaceId(), first);
        }
        maxId = Math.max(maxId, log.trxId());
        if (state == UndoPage.ACTIVE) {
          log.undoAfter(mtrs(), UndoPosition.EMPTY, r -> undo(trees, r));
          rolledBack.add(log.trxId());
        } else {
          purged++;
        }
        log.free(mtrs());
      }
    }
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      nextId = Math.max(segments[0].trxIdLimit(mtr), maxId + 1);
    }
    idLimit = nextId;
    if (!rolledBack.isEmpty() || purged > 0) {
      LOG.info(
          "rolled back {} transactions without a commit {}, purged {} committed undo logs",
          rolledBack.size(),
          rolledBack,
          purged);
    }
    return new Recovered(List.copyOf(rolledBack), purged);
  }

  /**
   * Applies one undo record to its tree, found in {@code trees} or opened and added there; skipped
   * when the tablespace has been dropped since (nothing is left to restore).
   */
  void undo(Map<Long, BTree> trees, UndoRecord r) {
    if (engine.tablespaces().get(r.spaceId()) == null) {
      return;
    }
    BTree tree =
        trees.computeIfAbsent(
            r.treeId(), k -> BTree.open(engine::beginMiniTransaction, r.spaceId(), r.rootPageNo()));
    apply(tree, r);
  }

  /** Reverses one change; idempotent, so a rollback interrupted by a crash can run again. */
  static void apply(BTree tree, UndoRecord r) {
    if (r.wasAbsent()) {
      tree.delete(r.key());
    } else {
      tree.put(r.key(), r.oldValue());
    }
  }

  /** Starts a transaction. */
  public Transaction begin() {
    long id = newId();
    RollbackSegment segment = segments[(int) (id & 1)];
    Transaction trx =
        new Transaction(this, id, new UndoLog(segment, id, engine.pageSize()), lockWaitTimeout);
    active.put(id, trx);
    return trx;
  }

  private synchronized long newId() {
    if (nextId >= idLimit) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        segments[0].trxIdLimit(mtr, nextId + ID_BATCH);
        mtr.commit();
      }
      idLimit = nextId + ID_BATCH;
    }
    return nextId++;
  }

  /** innodb_lock_wait_timeout for transactions begun from now on. */
  public void lockWaitTimeout(Duration timeout) {
    this.lockWaitTimeout = timeout;
  }

  public Duration lockWaitTimeout() {
    return lockWaitTimeout;
  }

  /** What {@link #open} rolled back and purged. */
  public Recovered recovered() {
    return recovered;
  }

  /** Transactions begun and not yet committed or rolled back. */
  public int activeCount() {
    return active.size();
  }

  /** Keys currently locked by any transaction. */
  public int lockedKeys() {
    return locks.lockedKeys();
  }

  StorageEngine engine() {
    return engine;
  }

  LockTable locks() {
    return locks;
  }

  Supplier<MiniTransaction> mtrs() {
    return engine::beginMiniTransaction;
  }

  void ended(Transaction trx) {
    active.remove(trx.id());
  }
}
