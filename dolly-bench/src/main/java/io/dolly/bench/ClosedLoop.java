package io.dolly.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs {@code threads} platform threads (one per client connection) that each repeat an operation
 * back to back for a fixed time, and records every operation's latency. A closed loop: a thread
 * starts its next operation only when the previous one returned, as a sysbench client does.
 */
final class ClosedLoop {
  /** One operation of thread {@code thread}; its {@code seq}-th. */
  @FunctionalInterface
  interface Operation {
    void run(int thread, long seq) throws Exception;
  }

  /** What one run did: operations completed, wall time, and their latency in nanoseconds. */
  record Outcome(long operations, double seconds, Histogram latencyNanos) {
    double perSecond() {
      return operations / seconds;
    }
  }

  /** Latencies up to a minute are recorded with 3 significant digits. */
  private static final long MAX_LATENCY_NANOS = 60_000_000_000L;

  private ClosedLoop() {}

  static Outcome run(int threads, Duration duration, Operation op) throws InterruptedException {
    Histogram[] latencies = new Histogram[threads];
    long[] counts = new long[threads];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      latencies[t] = new Histogram(MAX_LATENCY_NANOS, 3);
      Thread w =
          Thread.ofPlatform()
              .name("load-" + t)
              .unstarted(
                  () -> {
                    try {
                      start.await();
                      long end = deadline[0];
                      long seq = 0;
                      long now = System.nanoTime();
                      while (now - end < 0 && failure.get() == null) {
                        op.run(thread, seq++);
                        long done = System.nanoTime();
                        latencies[thread].recordValue(Math.min(done - now, MAX_LATENCY_NANOS));
                        now = done;
                      }
                      counts[thread] = seq;
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  });
      workers.add(w);
      w.start();
    }
    long t0 = System.nanoTime();
    deadline[0] = t0 + duration.toNanos();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a load thread failed", failure.get());
    }
    Histogram all = new Histogram(MAX_LATENCY_NANOS, 3);
    long total = 0;
    for (int t = 0; t < threads; t++) {
      all.add(latencies[t]);
      total += counts[t];
    }
    return new Outcome(total, seconds, all);
  }
}
