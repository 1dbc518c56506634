package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized large load (bench/large-load.sh runs the full size): 256 MiB of rows through a 16
 * MiB pool with a 32 MiB redo log, four writers committing durably. The engine must stay inside its
 * configured memory and redo capacity while writing back many times the pool, and lose no row.
 */
class LargeLoadTest {
  @TempDir Path dir;

  @Test
  void loadsSixteenTimesThePoolWithinFramesAndRedoCapacity() throws Exception {
    LargeLoad.Options o =
        LargeLoad.Options.parse(
            "--bytes=256m",
            "--pool=16m",
            "--redo=32m",
            "--threads=4",
            "--batch=100",
            "--dir=" + dir);
    LargeLoad.Result r = LargeLoad.run(o);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    LargeLoad.print(r, new PrintStream(text, true, StandardCharsets.UTF_8));
    System.out.println(text.toString(StandardCharsets.UTF_8));

    assertThat(r.frames()).isEqualTo(1024);
    assertThat(r.peaks().samples()).as("the sampler kept up").isGreaterThan(100);
    assertThat(r.peaks().maxResident()).isLessThanOrEqualTo(r.frames());
    // The page cleaner starts working hard at 3/4 of the frames dirty; the last 1/8 is headroom
    // for the batch it is writing. Reaching every frame would mean readers flush for a free frame.
    assertThat(r.peaks().maxDirty()).isPositive().isLessThanOrEqualTo(r.frames() * 7 / 8);
    assertThat(r.peaks().maxCheckpointAge())
        .as("checkpoint age never exceeds innodb_redo_log_capacity")
        .isPositive()
        .isLessThanOrEqualTo(o.redoCapacity());
    // The pool wrote back at least the table it could not hold: the load really went through it.
    assertThat(r.pagesWritten() * 16384).isGreaterThan(o.bytes());
    assertThat(r.bytes()).isGreaterThanOrEqualTo(o.bytes());
    assertThat(r.verify().problems()).as(r.verify().toString()).isEmpty();
    assertThat(r.verify().records()).isEqualTo(r.rows());
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("the data directory is removed").isEmpty();
    }
  }
}
