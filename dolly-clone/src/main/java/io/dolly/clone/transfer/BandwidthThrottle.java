package io.dolly.clone.transfer;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Limits the bytes per second of one clone across all of its threads ({@code
 * clone_max_data_bandwidth} or {@code clone_max_network_bandwidth}, in MiB/s, 0 = unlimited).
 *
 * <p>A token bucket kept as a single "next free instant": each {@link #acquire} reserves the time
 * its bytes take at the current rate, after whatever was reserved before, and sleeps until then.
 * Idle time earns credit for at most {@link #BURST_NANOS} or the reserved chunk's own time, the
 * longer: a pause lets a later burst exceed the limit by at most one chunk (1 MiB; over 30 s at 5
 * MiB/s under 1 %), while the time a thread spends applying a chunk between two reservations is not
 * lost (with 100 ms alone, 170 ms of work per 1 MiB chunk held 5 MiB/s to 3.7). MySQL instead
 * divides the limit by an estimate of the active threads, which lets the total drift when threads
 * stall; one shared reservation clock cannot drift.
 *
 * <p>The limit may change while a clone runs; the new rate applies to the next reservation and debt
 * accrued at a slower old rate is forgiven. Sleeps are interruptible (KILL) and never longer than
 * {@link #MAX_SLEEP_NANOS} at a time, so a rate raised mid-sleep takes effect quickly.
 */
public final class BandwidthThrottle {
  public static final long MIB = 1024 * 1024;

  /** Credit that idle time may earn. */
  public static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Longest single sleep. */
  public static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How a throttled thread waits; tests pass one that advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long bytesPerSecond;
  private long nextFreeNanos;

  public BandwidthThrottle(long mibPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
    this.clock = nanoClock;
    this.sleeper = sleeper;
    this.nextFreeNanos = nanoClock.getAsLong();
    setLimitMibPerSecond(mibPerSecond);
  }

  /** A throttle on the system's monotonic clock. */
  public static BandwidthThrottle ofMibPerSecond(long mibPerSecond) {
    return new BandwidthThrottle(mibPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /** Sets the limit in MiB/s; 0 removes it. */
  public synchronized void setLimitMibPerSecond(long mibPerSecond) {
    if (mibPerSecond < 0) {
      throw new IllegalArgumentException("negative bandwidth " + mibPerSecond);
    }
    this.bytesPerSecond = Math.multiplyExact(mibPerSecond, MIB);
    long now = clock.getAsLong();
    if (nextFreeNanos > now) {
      nextFreeNanos = now;
    }
  }

  public synchronized long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Waits until {@code bytes} more may pass without exceeding the limit. */
  public void acquire(long bytes) throws InterruptedException {
    long wait = reserve(bytes);
    if (wait <= 0) {
      return;
    }
    // Reserved: sleep out our slot, in bounded steps that notice interruption.
    long deadline = clock.getAsLong() + wait;
    for (long left = wait; left > 0; left = deadline - clock.getAsLong()) {
      sleeper.sleepNanos(Math.min(left, MAX_SLEEP_NANOS));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Reserves the bytes' slot; returns how long the caller must wait for it. */
  private synchronized long reserve(long bytes) {
    if (bytesPerSecond == 0 || bytes <= 0) {
      return 0;
    }
    long now = clock.getAsLong();
    long cost = costNanos(bytes);
    // A thread that applied its previous chunk after its slot was busy, not idle: the time it
    // spent on that chunk (up to one chunk's cost) is credited, else the limit is only reached by
    // a thread that works for no time between chunks.
    long start = Math.max(nextFreeNanos, now - Math.max(BURST_NANOS, cost));
    nextFreeNanos = start + cost;
    return nextFreeNanos - now;
  }

  private long costNanos(long bytes) {
    // bytes * 1e9 / rate without overflow for any bytes a chunk can have.
    return bytes <= Long.MAX_VALUE / 1_000_000_000L
        ? bytes * 1_000_000_000L / bytesPerSecond
        : (long) (bytes * 1e9 / bytesPerSecond);
  }
}
