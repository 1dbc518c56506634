package io.dolly.storage;

import io.dolly.storage.txn.LockWaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MySQL's backup lock: DDL and backups (a clone snapshot, {@code LOCK INSTANCE FOR BACKUP}) exclude
 * each other so that the set of tablespace files cannot change under a backup. Any number of DDL
 * statements run together, and any number of backups hold it together; a DDL waits while a backup
 * holds it, and a backup waits for running DDL to finish.
 *
 * <p>A backup may instead ask to be aborted by DDL (a clone with {@code clone_ddl_timeout=0}): a
 * DDL that finds it calls its abort action and then waits for it to let go.
 */
public final class BackupLock {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Hold> backups = new ArrayList<>();
  private int ddl;

  /** A held lock; closing releases it. */
  public interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Enters a DDL statement: waits up to {@code timeout} while a backup holds the lock.
   *
   * @throws LockWaitTimeoutException when the backup still holds it after {@code timeout}
   */
  public Hold enterDdl(Duration timeout) {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!backups.isEmpty()) {
        for (Hold b : List.copyOf(backups)) {
          if (b instanceof BackupHold h && h.abortOnDdl != null && !h.abortRequested) {
            h.abortRequested = true;
            h.abortOnDdl.run();
          }
        }
        if (nanos <= 0) {
          throw new LockWaitTimeoutException(
              "Lock wait timeout exceeded; try restarting transaction (backup lock held)");
        }
        nanos = changed.awaitNanos(nanos);
      }
      ddl++;
      return new Hold() {
        private boolean closed;

        @Override
        public void close() {
          lock.lock();
          try {
            if (!closed) {
              closed = true;
              ddl--;
              changed.signalAll();
            }
          } finally {
            lock.unlock();
          }
        }
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockWaitTimeoutException("interrupted while waiting for the backup lock");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the lock for a backup: waits up to {@code timeout} for running DDL to finish.
   *
   * @param abortOnDdl null to make DDL wait for this backup; otherwise what a DDL calls (once) to
   *     make this backup stop, after which the DDL waits for {@link Hold#close()}
   * @throws LockWaitTimeoutException when DDL still runs after {@code timeout}
   */
  public Hold acquireBackup(Duration timeout, Runnable abortOnDdl) {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (ddl > 0) {
        if (nanos <= 0) {
          throw new LockWaitTimeoutException(
              "Lock wait timeout exceeded; try restarting transaction (DDL in progress)");
        }
        nanos = changed.awaitNanos(nanos);
      }
      BackupHold hold = new BackupHold(abortOnDdl);
      backups.add(hold);
      return hold;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LockWaitTimeoutException("interrupted while waiting for the backup lock");
    } finally {
      lock.unlock();
    }
  }

  /** True while any backup holds the lock. */
  public boolean heldByBackup() {
    lock.lock();
    try {
      return !backups.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private final class BackupHold implements Hold {
    final Runnable abortOnDdl;
    boolean abortRequested;

    BackupHold(Runnable abortOnDdl) {
      this.abortOnDdl = abortOnDdl;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (backups.remove(this)) {
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
