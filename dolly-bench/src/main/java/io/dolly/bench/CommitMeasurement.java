package io.dolly.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured run of durable commits.
 *
 * @param method what committed ({@code group commit} or {@code fsync per commit})
 * @param threads committing threads
 * @param commits commits completed during the measured time
 * @param seconds the measured time
 * @param latencyNanos every commit's latency
 * @param fsyncs fsyncs issued during the measured time
 */
public record CommitMeasurement(
    String method, int threads, long commits, double seconds, Histogram latencyNanos, long fsyncs) {

  public double commitsPerSecond() {
    return commits / seconds;
  }

  public double fsyncsPerCommit() {
    return commits == 0 ? 0 : (double) fsyncs / commits;
  }

  /** The latency at {@code percentile} (0..100) in milliseconds. */
  public double latencyMillis(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }
}
