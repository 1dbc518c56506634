package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real run: every phase and reference does work, the table outgrows the pool. */
class RowLoaderTest {
  @TempDir Path dir;

  @Test
  void insertsLooksUpAndMeasuresTheReferences() throws Exception {
    RowLoader.Options o =
        RowLoader.Options.parse(
            "--rows=30000",
            "--batch=50",
            "--pool=1m",
            "--threads=1,3",
            "--seconds=0.3",
            "--dir=" + dir);
    RowLoader.Result r = RowLoader.run(o);
    assertThat(r.tableBytes()).as("the table outgrows the pool").isGreaterThan(o.poolBytes());
    assertThat(r.figures()).hasSize(3);
    for (RowLoader.Figure f : r.figures()) {
      assertThat(f.perSecond()).as(f.operation()).isPositive();
      assertThat(f.referencePerSecond()).as(f.reference()).isPositive();
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RowLoader.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).startsWith("30000 rows");
    assertThat(lines.get(4)).startsWith("| sequential insert");
    assertThat(lines.get(6)).startsWith("| point lookup, lookups/s (3 threads)");
  }
}
