package io.dolly.storage.txn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Row locks of all transactions of one engine, held until commit or rollback (strict two-phase
 * locking). A request that conflicts with another transaction's lock waits; before waiting it
 * checks the wait-for graph, and if waiting would close a cycle the requester is the victim.
 *
 * <p>One mutex guards the table: lock requests are short compared to the page work they protect. No
 * latch may be held while calling {@link #acquire} (it can wait for seconds).
 */
final class LockTable {
  private final ReentrantLock mutex = new ReentrantLock();
  private final Condition released = mutex.newCondition();
  private final Map<LockKey, Map<Long, LockMode>> holders = new HashMap<>();
  private final Map<Long, Wait> waits = new HashMap<>();

  private record Wait(LockKey key, LockMode mode) {}

  /** The outcome of a request that could not be granted. */
  enum Refusal {
    TIMEOUT,
    DEADLOCK
  }

  /**
   * Grants {@code mode} on {@code key} to {@code trxId}, waiting up to {@code timeoutNanos}.
   * Returns null when granted (or already held), else why not.
   */
  Refusal acquire(long trxId, LockKey key, LockMode mode, long timeoutNanos)
      throws InterruptedException {
    mutex.lock();
    try {
      long remaining = timeoutNanos;
      while (true) {
        Map<Long, LockMode> h = holders.computeIfAbsent(key, k -> new HashMap<>());
        LockMode held = h.get(trxId);
        if (held == LockMode.EXCLUSIVE || held == mode) {
          return null;
        }
        if (blockers(trxId, key, mode).isEmpty()) {
          h.put(trxId, mode);
          return null;
        }
        waits.put(trxId, new Wait(key, mode));
        try {
          if (closesCycle(trxId)) {
            return Refusal.DEADLOCK;
          }
          if (remaining <= 0) {
            return Refusal.TIMEOUT;
          }
          remaining = released.awaitNanos(remaining);
        } finally {
          waits.remove(trxId);
        }
      }
    } finally {
      mutex.unlock();
    }
  }

  /** Releases every lock {@code trxId} holds on {@code keys}. */
  void releaseAll(long trxId, Iterable<LockKey> keys) {
    mutex.lock();
    try {
      for (LockKey key : keys) {
        Map<Long, LockMode> h = holders.get(key);
        if (h != null) {
          h.remove(trxId);
          if (h.isEmpty()) {
            holders.remove(key);
          }
        }
      }
      released.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  /** How many keys are locked by anyone (for tests and monitoring). */
  int lockedKeys() {
    mutex.lock();
    try {
      return holders.size();
    } finally {
      mutex.unlock();
    }
  }

  private Set<Long> blockers(long trxId, LockKey key, LockMode mode) {
    Set<Long> result = new HashSet<>();
    Map<Long, LockMode> h = holders.get(key);
    if (h != null) {
      for (Map.Entry<Long, LockMode> e : h.entrySet()) {
        if (e.getKey() != trxId && !mode.compatibleWith(e.getValue())) {
          result.add(e.getKey());
        }
      }
    }
    return result;
  }

  /** True when some transaction {@code start} waits for (transitively) waits for {@code start}. */
  private boolean closesCycle(long start) {
    Set<Long> seen = new HashSet<>();
    java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      long t = todo.poll();
      Wait w = waits.get(t);
      if (w == null) {
        continue;
      }
      for (long b : blockers(t, w.key(), w.mode())) {
        if (b == start) {
          return true;
        }
        if (seen.add(b)) {
          todo.add(b);
        }
      }
    }
    return false;
  }
}
