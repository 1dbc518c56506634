package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH 1.37's CSV, as written by {@code -rf csv}, becomes tables with same-run ratios. */
class JmhMarkdownTest {
  private static final String CSV =
      """
      "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: pool","Param: rows","Param: statement"
      "io.dolly.bench.BTreeBenchmark.pointLookup","thrpt",1,3,100000.5,NaN,"ops/s",LARGE,2000,
      "io.dolly.bench.BTreeBenchmark.pointLookup","thrpt",1,3,50000.0,12.5,"ops/s",SMALL,2000,
      "io.dolly.bench.SortedMapBenchmark.pointLookup","thrpt",1,3,400000.0,1.0,"ops/s",,2000,
      "io.dolly.bench.ParserBenchmark.parse","thrpt",1,3,55000.0,300.0,"ops/s",,,POINT_SELECT
      """;

  @TempDir Path dir;

  @Test
  void readsScoresAndParameters() throws Exception {
    List<JmhMarkdown.Score> scores = JmhMarkdown.read(write());
    assertThat(scores).hasSize(4);
    assertThat(scores.get(1).benchmark()).isEqualTo("BTreeBenchmark.pointLookup");
    assertThat(scores.get(1).params()).containsEntry("pool", "SMALL").containsEntry("rows", "2000");
    assertThat(scores.get(0).error()).isNaN();
    assertThat(scores.get(3).params()).containsOnlyKeys("statement");
  }

  @Test
  void printsRatiosToTheSameRunsReferences() throws Exception {
    List<JmhMarkdown.Score> scores = JmhMarkdown.read(write());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    JmhMarkdown.printParser(scores, out);
    JmhMarkdown.printBTree(scores, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("| POINT_SELECT | 55000 | 300 | 5.5× |");
    assertThat(text).contains("| pointLookup | 400000 | 100001 | 0.250× | 50000 | 0.125× |");
    assertThat(text).doesNotContain("sequentialInsert");
  }

  @Test
  void splitsQuotedFields() {
    assertThat(JmhMarkdown.fields("\"a,b\",1,,\"x\"\"y\"")).containsExactly("a,b", "1", "", "x\"y");
  }

  private Path write() throws Exception {
    Path csv = dir.resolve("jmh.csv");
    Files.writeString(csv, CSV);
    return csv;
  }
}
