package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real run: both methods commit, fsync, clean up, and the table has a row per count. */
class CommitLoaderTest {
  @TempDir Path dir;

  @Test
  void measuresBothMethodsAndPrintsATable() throws Exception {
    CommitLoader.Options o =
        CommitLoader.Options.parse(
            "--threads=1,3",
            "--seconds=0.2",
            "--warmup=0.05",
            "--rounds=2",
            "--rows=300",
            "--dir=" + dir);
    List<CommitComparison> comparisons = CommitLoader.run(o);
    assertThat(comparisons).hasSize(2);
    for (CommitComparison c : comparisons) {
      assertThat(c.engine()).hasSize(2);
      assertThat(c.ratios()).hasSize(2);
      assertThat(c.medianRatio()).isPositive();
      for (CommitMeasurement m : c.engine()) {
        assertThat(m.commits()).as(m.method()).isPositive();
        // The engine never needs more than one fsync per commit.
        assertThat(m.fsyncsPerCommit()).isPositive().isLessThanOrEqualTo(1.0);
      }
      for (CommitMeasurement m : c.reference()) {
        // Without grouping every commit is one fsync.
        assertThat(m.fsyncsPerCommit()).isEqualTo(1.0);
      }
      CommitMeasurement total = c.engineTotal();
      assertThat(total.commits())
          .isEqualTo(c.engine().get(0).commits() + c.engine().get(1).commits());
      assertThat(total.latencyNanos().getTotalCount()).isEqualTo(total.commits());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommitLoader.print(comparisons, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("| 1 |");
    assertThat(lines.get(3)).startsWith("| 3 |");
  }

  @Test
  void optionsHaveDefaultsAndRejectUnknownNames() {
    CommitLoader.Options d = CommitLoader.Options.parse();
    assertThat(d.threads()).containsExactly(1, 4, 16);
    assertThat(d.time()).isEqualTo(Duration.ofSeconds(3));
    assertThat(d.rounds()).isEqualTo(3);
    assertThatThrownBy(() -> CommitLoader.Options.parse("--thread=2"))
        .hasMessageContaining("--thread");
    assertThatThrownBy(() -> CommitLoader.Options.parse("threads"))
        .hasMessageContaining("--name=value");
  }

  @Test
  void medianRatioOfRounds() {
    CommitComparison c =
        new CommitComparison(
            4, List.of(rate(100), rate(300), rate(200)), List.of(rate(100), rate(100), rate(100)));
    assertThat(c.ratios()).containsExactly(1.0, 2.0, 3.0);
    assertThat(c.medianRatio()).isEqualTo(2.0);
    assertThat(c.engineTotal().commitsPerSecond()).isEqualTo(200.0);
    assertThatThrownBy(() -> new CommitComparison(1, List.of(rate(1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static CommitMeasurement rate(long commits) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < commits; i++) {
      h.recordValue(1000);
    }
    return new CommitMeasurement("m", 4, commits, 1.0, h, commits);
  }
}
