package io.dolly.storage.buffer;

import io.dolly.storage.io.Halt;
import io.dolly.storage.redo.RedoLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform thread that flushes dirty pages oldest-first and takes fuzzy checkpoints (checkpoint
 * LSN = oldest modification among dirty pages, or the current LSN when the pool is clean). It works
 * harder when the checkpoint age passes half the redo capacity or when dirty pages fill most of the
 * pool, and is woken at once by appenders waiting for redo space.
 */
public final class PageCleaner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PageCleaner.class);

  private final BufferPool pool;
  private final RedoLog redo;
  private final Halt halt;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean requested;
  private volatile boolean running = true;
  private final Thread thread;

  public PageCleaner(BufferPool pool, RedoLog redo, Halt halt) {
    this.pool = pool;
    this.redo = redo;
    this.halt = halt;
    this.thread = Thread.ofPlatform().name("dolly-page-cleaner").daemon().unstarted(this::run);
    redo.onCheckpointNeeded(this::request);
    thread.start();
  }

  /** Asks for flushing and a checkpoint as soon as possible. */
  public void request() {
    lock.lock();
    try {
      requested = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    long lastCheckpoint = System.nanoTime();
    while (running) {
      boolean urgent;
      lock.lock();
      try {
        if (!requested && !underPressure()) {
          wake.await(100, TimeUnit.MILLISECONDS);
        }
        urgent = requested || underPressure();
        requested = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (!running || halt.halted()) {
        return;
      }
      try {
        if (urgent) {
          for (int i = 0; i < 16 && underPressure(); i++) {
            if (pool.flushOldest(BufferPool.BATCH) == 0) {
              break;
            }
          }
          if (pool.dirtyPages() > 0 && !underPressure()) {
            pool.flushOldest(BufferPool.BATCH);
          }
          checkpoint();
          lastCheckpoint = System.nanoTime();
        } else if (System.nanoTime() - lastCheckpoint > TimeUnit.SECONDS.toNanos(1)) {
          pool.flushOldest(BufferPool.BATCH);
          checkpoint();
          lastCheckpoint = System.nanoTime();
        }
      } catch (RuntimeException e) {
        if (!halt.halted()) {
          LOG.error("page cleaner failed", e);
          halt.halt("page cleaner failure", e);
        }
        return;
      }
    }
  }

  private boolean underPressure() {
    return redo.checkpointAge() > redo.capacity() / 2
        || pool.dirtyPages() > pool.frameCount() * 3 / 4;
  }

  /** A fuzzy checkpoint: at the oldest unflushed change, without flushing anything. */
  public void checkpoint() {
    redo.writeCheckpoint(pool.checkpointCandidate());
  }

  /** Flushes every dirty page, then checkpoints at the current LSN (shutdown, DDL, tests). */
  public void sharpCheckpoint() {
    pool.flushAll();
    checkpoint();
  }

  @Override
  public void close() {
    running = false;
    request();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
