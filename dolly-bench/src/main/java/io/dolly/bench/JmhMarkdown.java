package io.dolly.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the CSV that JMH writes with {@code -rf csv} into the Markdown tables of {@code
 * docs/benchmarks.md}, with the ratios computed from figures of the same run.
 *
 * <pre>
 * java -cp dolly-bench/target/benchmarks.jar io.dolly.bench.JmhMarkdown parser|btree results.csv
 * </pre>
 */
public final class JmhMarkdown {
  /** Statements a sysbench connection sends per second at most: the parser's yardstick. */
  static final double SYSBENCH_STATEMENTS_PER_SECOND = 10_000;

  /**
   * One row of JMH's CSV.
   *
   * @param benchmark simple class name and method, e.g. {@code BTreeBenchmark.pointLookup}
   * @param score operations per second
   * @param error the 99.9 % confidence half-width JMH reports
   * @param params the benchmark's parameters (empty values dropped)
   */
  public record Score(String benchmark, double score, double error, Map<String, String> params) {
    String method() {
      return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    String className() {
      return benchmark.substring(0, benchmark.indexOf('.'));
    }
  }

  private JmhMarkdown() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2 || !List.of("parser", "btree").contains(args[0])) {
      System.err.println("usage: JmhMarkdown parser|btree <jmh results.csv>");
      System.exit(2);
    }
    List<Score> scores = read(Path.of(args[1]));
    if (args[0].equals("parser")) {
      printParser(scores, System.out);
    } else {
      printBTree(scores, System.out);
    }
  }

  /** Reads JMH's CSV (header row, then one row per benchmark and parameter combination). */
  public static List<Score> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = fields(lines.get(0));
    int name = header.indexOf("Benchmark");
    int score = header.indexOf("Score");
    int error = header.indexOf("Score Error (99.9%)");
    List<Score> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line);
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < f.size(); i++) {
        if (header.get(i).startsWith("Param: ") && !f.get(i).isEmpty()) {
          params.put(header.get(i).substring("Param: ".length()), f.get(i));
        }
      }
      String full = f.get(name);
      int method = full.lastIndexOf('.');
      String simple = full.substring(full.lastIndexOf('.', method - 1) + 1);
      out.add(new Score(simple, number(f.get(score)), number(f.get(error)), params));
    }
    return out;
  }

  /** Parser throughput per statement and its ratio to what one sysbench connection needs. */
  public static void printParser(List<Score> scores, PrintStream out) {
    out.println("| statement | parses/s | ± (99.9 %) | ratio to 10k statements/s |");
    out.println("|---|---:|---:|---:|");
    for (Score s : scores) {
      if (s.className().equals("ParserBenchmark")) {
        out.println(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.1f× |",
                s.params().get("statement"),
                s.score(),
                s.error(),
                s.score() / SYSBENCH_STATEMENTS_PER_SECOND));
      }
    }
    out.println();
  }

  /** B+tree throughput per pool size, each divided by the TreeMap figure of the same run. */
  public static void printBTree(List<Score> scores, PrintStream out) {
    out.println(
        "| operation | TreeMap ops/s | B+tree, large pool ops/s | ratio | B+tree, small pool ops/s"
            + " | ratio |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (String op : List.of("sequentialInsert", "pointLookup", "rangeScan100")) {
      Double map = find(scores, "SortedMapBenchmark", op, null);
      Double large = find(scores, "BTreeBenchmark", op, "LARGE");
      Double small = find(scores, "BTreeBenchmark", op, "SMALL");
      if (map == null && large == null && small == null) {
        continue;
      }
      out.println(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |",
              op,
              fmt(map),
              fmt(large),
              ratio(large, map),
              fmt(small),
              ratio(small, map)));
    }
    out.println();
  }

  private static Double find(List<Score> scores, String cls, String method, String pool) {
    for (Score s : scores) {
      if (s.className().equals(cls)
          && s.method().equals(method)
          && (pool == null || pool.equals(s.params().get("pool")))) {
        return s.score();
      }
    }
    return null;
  }

  private static String fmt(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String ratio(Double v, Double reference) {
    return v == null || reference == null
        ? "–"
        : String.format(Locale.ROOT, "%.3f×", v / reference);
  }

  private static double number(String s) {
    return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
  }

  /** Splits one CSV line; fields may be quoted with {@code "} and contain doubled quotes. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
