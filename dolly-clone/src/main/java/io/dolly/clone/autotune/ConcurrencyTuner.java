package io.dolly.clone.autotune;

/**
 * The recipient's rule for how many threads (connections) a clone stage uses, MySQL's {@code
 * Client_Stat} algorithm as a pure function of per-second speed samples.
 *
 * <p>Every {@link #SAMPLES_PER_DECISION} samples (about 5 s) the tuner decides:
 *
 * <ul>
 *   <li>stop for good when the thread count reached {@code clone_max_concurrency} or the last speed
 *       exceeds 90 % of a configured bandwidth limit (more threads cannot help);
 *   <li>first decision: remember the current threads and speed as the round's base, aim at twice
 *       the threads (capped at the maximum) and add {@link #STEP};
 *   <li>later decisions: keep adding {@link #STEP} while the speed keeps up with the expectation —
 *       125 % of the base speed once the target is reached (then a new doubling round starts), 110
 *       % when at least half-way, 105 % when a quarter of the way, otherwise no worse than 95 % of
 *       the previous decision's speed; stop for good as soon as it does not.
 * </ul>
 *
 * Threads are never taken away. {@link #nextStage()} restarts tuning from the current count.
 */
public final class ConcurrencyTuner {
  public static final int STEP = 4;
  public static final int SAMPLES_PER_DECISION = 5;

  /** Bandwidth a worker needs before it is worth starting when autotuning is off. */
  public static final long MIN_WORKER_BYTES_PER_SECOND = 64L * 1024 * 1024;

  private enum Phase {
    INIT,
    ACTIVE,
    DONE
  }

  private final int maxThreads;
  private final long dataLimit;
  private final long networkLimit;
  private int threads;
  private Phase phase = Phase.INIT;
  private int samples;
  private int roundStartThreads;
  private int target;
  private double baseSpeed;
  private double previousSpeed;

  /**
   * @param maxThreads clone_max_concurrency (1..128)
   * @param dataLimitBytesPerSecond clone_max_data_bandwidth in bytes/s, 0 = unlimited
   * @param networkLimitBytesPerSecond clone_max_network_bandwidth in bytes/s, 0 = unlimited
   * @param startThreads threads running now (1: the master alone)
   */
  public ConcurrencyTuner(
      int maxThreads,
      long dataLimitBytesPerSecond,
      long networkLimitBytesPerSecond,
      int startThreads) {
    if (maxThreads < 1 || startThreads < 1 || startThreads > maxThreads) {
      throw new IllegalArgumentException(
          "threads " + startThreads + " of at most " + maxThreads + " is not a valid start");
    }
    this.maxThreads = maxThreads;
    this.dataLimit = dataLimitBytesPerSecond;
    this.networkLimit = networkLimitBytesPerSecond;
    this.threads = startThreads;
  }

  /**
   * Feeds the speeds over the last second, summed over all threads; returns how many threads should
   * run from now on (never fewer than before).
   */
  public int onSample(double dataBytesPerSecond, double networkBytesPerSecond) {
    if (phase == Phase.DONE || ++samples % SAMPLES_PER_DECISION != 0) {
      return threads;
    }
    if (threads >= maxThreads
        || nearLimit(dataBytesPerSecond, dataLimit)
        || nearLimit(networkBytesPerSecond, networkLimit)) {
      phase = Phase.DONE;
      return threads;
    }
    double speed = dataBytesPerSecond;
    if (phase == Phase.INIT) {
      startRound(speed);
      phase = Phase.ACTIVE;
      return threads;
    }
    if (speed < expected()) {
      phase = Phase.DONE;
      return threads;
    }
    if (threads >= target) {
      startRound(speed);
    } else {
      threads = Math.min(threads + STEP, target);
    }
    previousSpeed = speed;
    return threads;
  }

  private void startRound(double speed) {
    roundStartThreads = threads;
    baseSpeed = speed;
    previousSpeed = speed;
    target = Math.min(2 * threads, maxThreads);
    threads = Math.min(threads + STEP, target);
  }

  /** The speed the latest step must reach to justify the next one. */
  private double expected() {
    if (threads >= target) {
      return 1.25 * baseSpeed;
    }
    double progress = (double) (threads - roundStartThreads) / (target - roundStartThreads);
    if (progress >= 0.5) {
      return 1.10 * baseSpeed;
    }
    if (progress >= 0.25) {
      return 1.05 * baseSpeed;
    }
    return 0.95 * previousSpeed;
  }

  private static boolean nearLimit(double speed, long limit) {
    return limit > 0 && speed > 0.9 * limit;
  }

  /** A new stage begins: tuning restarts from the current thread count. */
  public void nextStage() {
    phase = Phase.INIT;
    samples = 0;
  }

  public int threads() {
    return threads;
  }

  /** True once tuning has stopped for this stage. */
  public boolean done() {
    return phase == Phase.DONE;
  }

  /**
   * Threads to start at once when autotuning is off: the master plus {@code max - 1} workers, but
   * with a bandwidth limit only as many workers as get {@link #MIN_WORKER_BYTES_PER_SECOND} each
   * (possibly none).
   */
  public static int threadsWithoutAutotune(
      int maxThreads, long dataLimitBytesPerSecond, long networkLimitBytesPerSecond) {
    long workers = maxThreads - 1;
    for (long limit : new long[] {dataLimitBytesPerSecond, networkLimitBytesPerSecond}) {
      if (limit > 0) {
        workers = Math.min(workers, limit / MIN_WORKER_BYTES_PER_SECOND);
      }
    }
    return 1 + (int) workers;
  }
}
