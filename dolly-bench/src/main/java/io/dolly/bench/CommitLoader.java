package io.dolly.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Durable commits per second at several thread counts: the engine's group commit ({@link
 * GroupCommitLoad}) against fsync per commit ({@link FsyncPerCommitLoad}), each thread count
 * measuring both back to back, several rounds ({@link CommitComparison}). Prints a Markdown table.
 *
 * <pre>
 * java -cp dolly-bench/target/benchmarks.jar io.dolly.bench.CommitLoader \
 *     [--threads=1,4,16] [--seconds=3] [--warmup=1] [--rounds=3] [--rows=10000] [--dir=/tmp]
 * </pre>
 */
public final class CommitLoader {
  /**
   * What to run.
   *
   * @param threads thread counts, each measured separately
   * @param time measured time per method, round and thread count
   * @param warmup unmeasured time before each measurement
   * @param rows rows of the table the engine's commits update
   * @param rounds rounds per thread count, each measuring both methods
   * @param dir where temporary data directories go (null: the system temp directory)
   */
  public record Options(
      List<Integer> threads, Duration time, Duration warmup, int rows, int rounds, Path dir) {
    public static Options defaults() {
      return new Options(
          List.of(1, 4, 16), Duration.ofSeconds(3), Duration.ofSeconds(1), 10_000, 3, null);
    }

    /** Parses {@code --name=value} arguments over the defaults. */
    public static Options parse(String... args) {
      Options o = defaults();
      for (Map.Entry<String, String> arg : LoaderArguments.parse(args).entrySet()) {
        String name = arg.getKey();
        String value = arg.getValue();
        o =
            switch (name) {
              case "threads" ->
                  new Options(
                      LoaderArguments.integers(value), o.time, o.warmup, o.rows, o.rounds, o.dir);
              case "seconds" ->
                  new Options(
                      o.threads, LoaderArguments.seconds(value), o.warmup, o.rows, o.rounds, o.dir);
              case "warmup" ->
                  new Options(
                      o.threads, o.time, LoaderArguments.seconds(value), o.rows, o.rounds, o.dir);
              case "rows" ->
                  new Options(
                      o.threads, o.time, o.warmup, Integer.parseInt(value), o.rounds, o.dir);
              case "rounds" ->
                  new Options(o.threads, o.time, o.warmup, o.rows, Integer.parseInt(value), o.dir);
              case "dir" ->
                  new Options(o.threads, o.time, o.warmup, o.rows, o.rounds, Path.of(value));
              default -> throw new IllegalArgumentException("unknown option --" + name);
            };
      }
      return o;
    }
  }

  private CommitLoader() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    print(run(options), System.out);
  }

  /**
   * For each thread count, {@code rounds} rounds of the engine's group commit followed by fsync per
   * commit.
   */
  public static List<CommitComparison> run(Options o) throws Exception {
    List<CommitComparison> out = new ArrayList<>();
    for (int threads : o.threads()) {
      List<CommitMeasurement> engine = new ArrayList<>();
      List<CommitMeasurement> reference = new ArrayList<>();
      for (int round = 0; round < o.rounds(); round++) {
        engine.add(GroupCommitLoad.run(o.dir(), threads, o.rows(), o.warmup(), o.time()));
        reference.add(FsyncPerCommitLoad.run(o.dir(), threads, o.warmup(), o.time()));
      }
      out.add(new CommitComparison(threads, engine, reference));
    }
    return out;
  }

  /**
   * The Markdown table of {@code docs/benchmarks.md}: commits/s and latencies over all rounds, the
   * median and range of the rounds' ratios.
   */
  public static void print(List<CommitComparison> comparisons, PrintStream out) {
    out.println(
        "| threads | group commit/s | fsync-per-commit/s | ratio (median of rounds) | ratio range"
            + " | engine fsyncs/commit | group mean / p50 / p99 / p99.9 ms"
            + " | fsync-per-commit mean / p50 / p99 / p99.9 ms |");
    out.println("|---:|---:|---:|---:|---|---:|---|---|");
    for (CommitComparison c : comparisons) {
      CommitMeasurement g = c.engineTotal();
      CommitMeasurement f = c.referenceTotal();
      double[] ratios = c.ratios();
      out.println(
          String.format(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %.2f× | %.2f–%.2f× | %.3f | %s | %s |",
              c.threads(),
              g.commitsPerSecond(),
              f.commitsPerSecond(),
              c.medianRatio(),
              ratios[0],
              ratios[ratios.length - 1],
              g.fsyncsPerCommit(),
              percentiles(g),
              percentiles(f)));
    }
  }

  private static String percentiles(CommitMeasurement m) {
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f / %.2f / %.2f",
        m.latencyNanos().getMean() / 1e6,
        m.latencyMillis(50),
        m.latencyMillis(99),
        m.latencyMillis(99.9));
  }
}
