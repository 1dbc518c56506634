package io.dolly.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Durable commits per second at several thread counts: the engine's group commit ({@link
 * GroupCommitLoad}) against fsync per commit ({@link FsyncPerCommitLoad}), each thread count
 * measuring both back to back in the same run. Prints a Markdown table.
 *
 * <pre>
 * java -cp dolly-bench/target/benchmarks.jar io.dolly.bench.CommitLoader \
 *     [--threads=1,4,16] [--seconds=5] [--warmup=1] [--rows=10000] [--dir=/tmp]
 * </pre>
 */
public final class CommitLoader {
  /**
   * What to run.
   *
   * @param threads thread counts, each measured separately
   * @param time measured time per method and thread count
   * @param warmup unmeasured time before each measurement
   * @param rows rows of the table the engine's commits update
   * @param dir where temporary data directories go (null: the system temp directory)
   */
  public record Options(List<Integer> threads, Duration time, Duration warmup, int rows, Path dir) {
    public static Options defaults() {
      return new Options(
          List.of(1, 4, 16), Duration.ofSeconds(5), Duration.ofSeconds(1), 10_000, null);
    }

    /** Parses {@code --name=value} arguments over the defaults. */
    public static Options parse(String... args) {
      Options o = defaults();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException("expected --name=value, got " + arg);
        }
        String name = arg.substring(2, eq);
        String value = arg.substring(eq + 1);
        o =
            switch (name) {
              case "threads" ->
                  new Options(
                      Arrays.stream(value.split(",")).map(Integer::valueOf).toList(),
                      o.time,
                      o.warmup,
                      o.rows,
                      o.dir);
              case "seconds" -> new Options(o.threads, seconds(value), o.warmup, o.rows, o.dir);
              case "warmup" -> new Options(o.threads, o.time, seconds(value), o.rows, o.dir);
              case "rows" ->
                  new Options(o.threads, o.time, o.warmup, Integer.parseInt(value), o.dir);
              case "dir" -> new Options(o.threads, o.time, o.warmup, o.rows, Path.of(value));
              default -> throw new IllegalArgumentException("unknown option --" + name);
            };
      }
      return o;
    }

    private static Duration seconds(String value) {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
  }

  private CommitLoader() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    List<CommitMeasurement[]> pairs = run(options);
    print(pairs, System.out);
  }

  /** For each thread count: {engine's group commit, fsync per commit}, measured back to back. */
  public static List<CommitMeasurement[]> run(Options o) throws Exception {
    List<CommitMeasurement[]> out = new ArrayList<>();
    for (int threads : o.threads()) {
      CommitMeasurement engine =
          GroupCommitLoad.run(o.dir(), threads, o.rows(), o.warmup(), o.time());
      CommitMeasurement reference = FsyncPerCommitLoad.run(o.dir(), threads, o.warmup(), o.time());
      out.add(new CommitMeasurement[] {engine, reference});
    }
    return out;
  }

  /** The Markdown table of {@code docs/benchmarks.md}. */
  public static void print(List<CommitMeasurement[]> pairs, PrintStream out) {
    out.println(
        "| threads | group commit/s | fsync-per-commit/s | ratio | engine fsyncs/commit"
            + " | group p50 / p99 / p99.9 ms | fsync-per-commit p50 / p99 / p99.9 ms |");
    out.println("|---:|---:|---:|---:|---:|---|---|");
    for (CommitMeasurement[] p : pairs) {
      CommitMeasurement g = p[0];
      CommitMeasurement f = p[1];
      out.println(
          String.format(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %.2f× | %.3f | %s | %s |",
              g.threads(),
              g.commitsPerSecond(),
              f.commitsPerSecond(),
              g.commitsPerSecond() / f.commitsPerSecond(),
              g.fsyncsPerCommit(),
              percentiles(g),
              percentiles(f)));
    }
  }

  private static String percentiles(CommitMeasurement m) {
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f / %.2f",
        m.latencyMillis(50),
        m.latencyMillis(99),
        m.latencyMillis(99.9));
  }
}
