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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real run: both methods commit, fsync, clean up, and the table has a row per count. */
class CommitLoaderTest {
  @TempDir Path dir;

  @Test
  void measuresBothMethodsAndPrintsATable() throws Exception {
    CommitLoader.Options o =
        CommitLoader.Options.parse(
            "--threads=1,3", "--seconds=0.3", "--warmup=0.05", "--rows=300", "--dir=" + dir);
    List<CommitMeasurement[]> pairs = CommitLoader.run(o);
    assertThat(pairs).hasSize(2);
    for (CommitMeasurement[] p : pairs) {
      for (CommitMeasurement m : p) {
        assertThat(m.commits()).as(m.method()).isPositive();
        assertThat(m.fsyncs()).as(m.method()).isPositive();
        assertThat(m.latencyNanos().getTotalCount()).isEqualTo(m.commits());
      }
      // Without grouping every commit is one fsync; the engine never needs more than one.
      assertThat(p[1].fsyncsPerCommit()).isEqualTo(1.0);
      assertThat(p[0].fsyncsPerCommit()).isLessThanOrEqualTo(1.0);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommitLoader.print(pairs, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("| 1 |");
    assertThat(lines.get(3)).startsWith("| 3 |");
  }

  @Test
  void optionsHaveDefaultsAndRejectUnknownNames() {
    CommitLoader.Options d = CommitLoader.Options.parse();
    assertThat(d.threads()).containsExactly(1, 4, 16);
    assertThat(d.time()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> CommitLoader.Options.parse("--thread=2"))
        .hasMessageContaining("--thread");
    assertThatThrownBy(() -> CommitLoader.Options.parse("threads"))
        .hasMessageContaining("--name=value");
  }
}
