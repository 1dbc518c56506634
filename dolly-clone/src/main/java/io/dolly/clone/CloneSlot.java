package io.dolly.clone;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.time.Duration;

/**
 * The one clone a server runs at a time, whatever its role: CLONE LOCAL, a recipient's CLONE
 * INSTANCE or a donor serving a remote recipient all take this slot; a second gets 3634 {@code Too
 * many concurrent clone operations. Maximum allowed - 1.} (CLONE.md §7).
 *
 * <p>An in-place clone takes it with {@link #acquireInPlace}: a donor asked for a clone while this
 * server's own data is being replaced is this server cloning into itself (the only other way is a
 * third server racing the clone), and gets MySQL's loopback error 3871 instead of 3634.
 */
public final class CloneSlot {
  /** MySQL's limit, reported in the 3634 message. */
  public static final int MAX_CLONES = 1;

  private boolean taken;
  private boolean inPlace;

  /** Takes the slot or fails with 3634. */
  public synchronized void acquire() {
    if (taken) {
      throw new MysqlException(ErrorCode.ER_CLONE_TOO_MANY_CONCURRENT_CLONES, MAX_CLONES);
    }
    taken = true;
  }

  /** Takes the slot for an in-place clone (the recipient's data directory is the target). */
  public synchronized void acquireInPlace() {
    acquire();
    inPlace = true;
  }

  /** Takes the slot to serve a recipient: 3871 while an in-place clone holds it, else 3634. */
  public synchronized void acquireAsDonor() {
    if (taken && inPlace) {
      throw new MysqlException(ErrorCode.ER_CLONE_LOOPBACK);
    }
    acquire();
  }

  public synchronized void release() {
    taken = false;
    inPlace = false;
    notifyAll();
  }

  public synchronized boolean taken() {
    return taken;
  }

  /** Waits up to {@code timeout} for the slot to be free; true when it is. */
  public synchronized boolean awaitFree(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (taken) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
