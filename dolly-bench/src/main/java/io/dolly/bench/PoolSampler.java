package io.dolly.bench;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.redo.RedoLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a running engine from its own thread: every {@code period} it reads the redo checkpoint
 * age and the buffer pool's resident and dirty pages, and keeps the maxima. A load's bounds are
 * asserted against these (the engine itself keeps no high-water marks).
 */
final class PoolSampler implements AutoCloseable {
  /**
   * What the samples showed.
   *
   * @param samples how many samples were taken
   * @param maxCheckpointAge largest redo checkpoint age seen, bytes
   * @param maxResident most pages resident in the pool at once
   * @param maxDirty most dirty pages at once
   */
  record Peaks(long samples, long maxCheckpointAge, int maxResident, int maxDirty) {}

  private final RedoLog redo;
  private final BufferPool pool;
  private final long periodNanos;
  private final Thread thread;
  private volatile boolean running = true;
  private long samples;
  private long maxCheckpointAge;
  private int maxResident;
  private int maxDirty;

  PoolSampler(StorageEngine engine, long period, TimeUnit unit) {
    this.redo = engine.redoLog();
    this.pool = engine.bufferPool();
    this.periodNanos = unit.toNanos(period);
    this.thread = Thread.ofPlatform().name("pool-sampler").daemon().unstarted(this::run);
    thread.start();
  }

  private void run() {
    while (running) {
      sample();
      if (periodNanos > 0) {
        LockSupport.parkNanos(periodNanos);
      }
    }
  }

  private synchronized void sample() {
    samples++;
    maxCheckpointAge = Math.max(maxCheckpointAge, redo.checkpointAge());
    maxResident = Math.max(maxResident, pool.residentPages());
    maxDirty = Math.max(maxDirty, pool.dirtyPages());
  }

  /** The maxima so far (a final sample is taken first). */
  synchronized Peaks peaks() {
    sample();
    return new Peaks(samples, maxCheckpointAge, maxResident, maxDirty);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
