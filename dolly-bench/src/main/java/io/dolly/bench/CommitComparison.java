package io.dolly.bench;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Group commit against fsync per commit at one thread count, over several rounds. Each round
 * measures the engine and then the reference back to back, so a round's ratio compares figures
 * taken seconds apart; the median of the rounds' ratios is the figure to quote, because on a shared
 * machine a single round can be off by several times either way.
 *
 * @param threads committing threads
 * @param engine the engine's measurement of each round
 * @param reference the reference's measurement of each round (same order)
 */
public record CommitComparison(
    int threads, List<CommitMeasurement> engine, List<CommitMeasurement> reference) {
  public CommitComparison {
    engine = List.copyOf(engine);
    reference = List.copyOf(reference);
    if (engine.isEmpty() || engine.size() != reference.size()) {
      throw new IllegalArgumentException("one engine and one reference measurement per round");
    }
  }

  /** Each round's engine commits/s divided by its reference's, ascending. */
  public double[] ratios() {
    double[] r = new double[engine.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = engine.get(i).commitsPerSecond() / reference.get(i).commitsPerSecond();
    }
    Arrays.sort(r);
    return r;
  }

  public double medianRatio() {
    double[] r = ratios();
    int n = r.length;
    return n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
  }

  /** All rounds of the engine as one measurement (commits and time summed, latencies merged). */
  public CommitMeasurement engineTotal() {
    return merge(engine);
  }

  public CommitMeasurement referenceTotal() {
    return merge(reference);
  }

  private static CommitMeasurement merge(List<CommitMeasurement> rounds) {
    CommitMeasurement first = rounds.get(0);
    Histogram latency = first.latencyNanos().copy();
    long commits = first.commits();
    double seconds = first.seconds();
    long fsyncs = first.fsyncs();
    for (CommitMeasurement m : rounds.subList(1, rounds.size())) {
      latency.add(m.latencyNanos());
      commits += m.commits();
      seconds += m.seconds();
      fsyncs += m.fsyncs();
    }
    return new CommitMeasurement(
        first.method(), first.threads(), commits, seconds, latency, fsyncs);
  }
}
