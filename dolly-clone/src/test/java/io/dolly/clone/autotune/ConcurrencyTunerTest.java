package io.dolly.clone.autotune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ConcurrencyTunerTest {
  private static final long SEED = Long.getLong("clone.autotune.seed", System.nanoTime());
  private static final double MIB = 1024 * 1024;

  /** Runs the tuner for {@code seconds} against a machine whose speed depends on the threads. */
  private static ConcurrencyTuner run(ConcurrencyTuner t, int seconds, IntToDoubleFunction speed) {
    for (int s = 0; s < seconds; s++) {
      double v = speed.applyAsDouble(t.threads());
      t.onSample(v, v);
    }
    return t;
  }

  @Test
  void growsWhileThroughputScalesUpToTheMaximum() {
    ConcurrencyTuner t = run(new ConcurrencyTuner(16, 0, 0, 1), 200, n -> n * 50 * MIB);
    assertThat(t.threads()).isEqualTo(16);
    assertThat(t.done()).isTrue();
  }

  @Test
  void firstDecisionAddsFourCappedAtDouble() {
    ConcurrencyTuner t = new ConcurrencyTuner(16, 0, 0, 1);
    for (int i = 0; i < 4; i++) {
      assertThat(t.onSample(100, 100)).isEqualTo(1);
    }
    assertThat(t.onSample(100, 100)).isEqualTo(2); // target = 2 × 1
    ConcurrencyTuner u = new ConcurrencyTuner(16, 0, 0, 6);
    run(u, 5, n -> 100);
    assertThat(u.threads()).isEqualTo(10);
  }

  @Test
  void stopsWhenMoreThreadsDoNotHelpAndNeverShrinks() {
    // The disk saturates at 4 threads.
    ConcurrencyTuner t = run(new ConcurrencyTuner(32, 0, 0, 1), 300, n -> Math.min(n, 4) * MIB);
    assertThat(t.done()).isTrue();
    assertThat(t.threads()).isBetween(4, 8);
    int before = t.threads();
    run(t, 50, n -> 0.1);
    assertThat(t.threads()).isEqualTo(before);
  }

  @Test
  void stopsNearTheBandwidthLimit() {
    long limit = (long) (100 * MIB);
    ConcurrencyTuner t = run(new ConcurrencyTuner(64, limit, 0, 1), 300, n -> n * 30 * MIB);
    assertThat(t.done()).isTrue();
    assertThat(t.threads() * 30 * MIB).isGreaterThan(0.9 * limit);
    assertThat(t.threads()).isLessThan(8);
  }

  @Test
  void restartsPerStageFromTheCurrentCount() {
    ConcurrencyTuner t = run(new ConcurrencyTuner(32, 0, 0, 1), 300, n -> Math.min(n, 2) * MIB);
    int after = t.threads();
    assertThat(t.done()).isTrue();
    t.nextStage();
    run(t, 200, n -> n * MIB);
    assertThat(t.threads()).isGreaterThan(after);
  }

  @Test
  void randomMachinesNeverExceedTheMaximumOrShrink() {
    SplittableRandom r = new SplittableRandom(SEED);
    try {
      for (int i = 0; i < 500; i++) {
        int max = 1 + r.nextInt(128);
        ConcurrencyTuner t = new ConcurrencyTuner(max, 0, 0, 1 + r.nextInt(max));
        int last = t.threads();
        for (int s = 0; s < 300; s++) {
          double v = r.nextDouble() * 1e9;
          int now = t.onSample(v, v);
          assertThat(now).isBetween(last, max);
          last = now;
        }
      }
    } catch (Throwable e) {
      fail("seed=" + SEED + " (replay with -Dclone.autotune.seed=" + SEED + ")", e);
    }
  }

  @Test
  void withoutAutotuneWorkersNeedSixtyFourMibPerSecondEach() {
    assertThat(ConcurrencyTuner.threadsWithoutAutotune(16, 0, 0)).isEqualTo(16);
    long mib = 1024 * 1024;
    assertThat(ConcurrencyTuner.threadsWithoutAutotune(16, 200 * mib, 0)).isEqualTo(4);
    assertThat(ConcurrencyTuner.threadsWithoutAutotune(16, 200 * mib, 63 * mib)).isEqualTo(1);
    assertThat(ConcurrencyTuner.threadsWithoutAutotune(1, 0, 0)).isEqualTo(1);
  }
}
