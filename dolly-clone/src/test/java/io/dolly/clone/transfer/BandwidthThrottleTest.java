package io.dolly.clone.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BandwidthThrottleTest {
  private static final long SEED = Long.getLong("clone.throttle.seed", System.nanoTime());

  /** A clock that moves only when a throttled thread sleeps or the test advances it. */
  private static final class FakeClock {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    BandwidthThrottle throttle(long mib) {
      return new BandwidthThrottle(mib, nanos::get, nanos::addAndGet);
    }
  }

  @Test
  void thirtySecondsAverageWithinTenPercentWithRandomChunkSizes() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    FakeClock clock = new FakeClock();
    BandwidthThrottle t = clock.throttle(8);
    long start = clock.nanos.get();
    long sent = 0;
    while (clock.nanos.get() - start < TimeUnit.SECONDS.toNanos(30)) {
      int chunk = 1 + r.nextInt(2 << 20);
      t.acquire(chunk);
      sent += chunk;
      clock.nanos.addAndGet(r.nextInt(2_000_000)); // work between chunks
    }
    double seconds = (clock.nanos.get() - start) / 1e9;
    double rate = sent / seconds / BandwidthThrottle.MIB;
    assertThat(rate).as("seed=" + SEED).isBetween(8 * 0.9, 8 * 1.1);
  }

  @Test
  void oneThreadThatWorksAlmostAChunksTimeBetweenChunksStillReachesTheLimit() throws Exception {
    FakeClock clock = new FakeClock();
    BandwidthThrottle t = clock.throttle(5);
    long start = clock.nanos.get();
    long sent = 0;
    while (clock.nanos.get() - start < TimeUnit.SECONDS.toNanos(30)) {
      t.acquire(BandwidthThrottle.MIB); // 200 ms at 5 MiB/s
      sent += BandwidthThrottle.MIB;
      clock.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(170)); // receiving and writing it
    }
    double rate = sent / ((clock.nanos.get() - start) / 1e9) / BandwidthThrottle.MIB;
    assertThat(rate).isBetween(5 * 0.98, 5 * 1.02);
  }

  @Test
  void idleTimeEarnsAtMostOneHundredMillisecondsOfCredit() throws Exception {
    FakeClock clock = new FakeClock();
    BandwidthThrottle t = clock.throttle(10);
    clock.nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
    long before = clock.nanos.get();
    t.acquire(BandwidthThrottle.MIB); // 1 MiB = 100 ms at 10 MiB/s: covered by the credit
    assertThat(clock.nanos.get()).isEqualTo(before);
    t.acquire(BandwidthThrottle.MIB); // the next one waits its full 100 ms
    assertThat(clock.nanos.get() - before).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void limitChangesWhileRunningAndZeroIsUnlimited() throws Exception {
    FakeClock clock = new FakeClock();
    BandwidthThrottle t = clock.throttle(1);
    long start = clock.nanos.get();
    for (int i = 0; i < 10; i++) {
      t.acquire(BandwidthThrottle.MIB);
    }
    long slow = clock.nanos.get() - start;
    assertThat(slow).isBetween(TimeUnit.MILLISECONDS.toNanos(9800), TimeUnit.SECONDS.toNanos(10));
    t.setLimitMibPerSecond(100);
    long mid = clock.nanos.get();
    for (int i = 0; i < 100; i++) {
      t.acquire(BandwidthThrottle.MIB);
    }
    assertThat(clock.nanos.get() - mid)
        .isBetween(TimeUnit.MILLISECONDS.toNanos(900), TimeUnit.MILLISECONDS.toNanos(1000));
    t.setLimitMibPerSecond(0);
    long end = clock.nanos.get();
    t.acquire(Long.MAX_VALUE / 2);
    assertThat(clock.nanos.get()).isEqualTo(end);
    assertThatThrownBy(() -> t.setLimitMibPerSecond(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Four real threads share one limit for about 1.5 s. */
  @Test
  void realThreadsShareOneLimit() throws Exception {
    BandwidthThrottle t = BandwidthThrottle.ofMibPerSecond(20);
    AtomicLong sent = new AtomicLong();
    long start = System.nanoTime();
    long stopAt = start + TimeUnit.MILLISECONDS.toNanos(1500);
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() < stopAt) {
                        t.acquire(256 * 1024);
                        sent.addAndGet(256 * 1024);
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }
    for (Thread th : threads) {
      th.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = sent.get() / seconds / BandwidthThrottle.MIB;
    // The burst credit and the last in-flight reservations allow a little over; a loaded machine
    // may run a little under.
    assertThat(rate).isBetween(20 * 0.8, 20 * 1.1);
  }

  @Test
  void sleepIsInterruptible() throws Exception {
    BandwidthThrottle t = BandwidthThrottle.ofMibPerSecond(1);
    Thread th =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    t.acquire(100 * BandwidthThrottle.MIB);
                    throw new AssertionError("not interrupted");
                  } catch (InterruptedException expected) {
                    // done
                  }
                });
    Thread.sleep(50);
    th.interrupt();
    th.join(2000);
    assertThat(th.isAlive()).isFalse();
  }
}
