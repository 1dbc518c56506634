package io.dolly.clone.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.CloneStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloneStatusBoardTest {
  @TempDir Path tmp;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-02T03:04:05.123456Z"));
  private final InstantSource clock = now::get;

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  private static List<CloneState> states(CloneStatusBoard b) {
    return b.progress().stream().map(CloneProgressRow::state).toList();
  }

  @Test
  void emptyBeforeTheFirstClone() throws IOException {
    CloneStatusBoard b = CloneStatusBoard.load(tmp.resolve("#clone"), clock);
    assertThat(b.status()).isEmpty();
    assertThat(b.progress()).isEmpty();
    assertThat(b.history()).isEmpty();
    assertThat(CloneStatusRow.COLUMNS).hasSize(17);
    assertThat(CloneStatusRow.COLUMNS.get(11).name()).isEqualTo("GTID_EXECUTED");
    assertThat(CloneProgressRow.COLUMNS).hasSize(11);
  }

  @Test
  void successfulDirectoryCloneShowsFiveStagesCompleted() throws IOException {
    CloneStatusBoard b = CloneStatusBoard.load(tmp.resolve("#clone"), clock);
    long id = b.begin(12, "donor:3306", "/data/clone");
    assertThat(id).isEqualTo(1);
    assertThat(b.status().orElseThrow().state()).isEqualTo(CloneState.IN_PROGRESS);
    assertThat(b.progress())
        .extracting(p -> p.stage().label())
        .containsExactly(
            "DROP DATA", "FILE COPY", "PAGE COPY", "REDO COPY", "FILE SYNC", "RESTART", "RECOVERY");
    for (CloneStage s :
        List.of(
            CloneStage.DROP_DATA,
            CloneStage.FILE_COPY,
            CloneStage.PAGE_COPY,
            CloneStage.REDO_COPY,
            CloneStage.FILE_SYNC)) {
      b.beginStage(s, 1000, 1);
      assertThat(b.status().orElseThrow().currentTask()).isEqualTo(s.label());
      b.addBytes(s, 1000, 1100);
      advance(Duration.ofMillis(500));
      b.endStage(s);
    }
    b.setBinlog("binlog.000003", 157, "uuid:1-5");
    b.complete();
    CloneStatusRow row = b.status().orElseThrow();
    assertThat(row.state()).isEqualTo(CloneState.COMPLETED);
    assertThat(row.dataDownloaded()).isEqualTo(5000);
    assertThat(row.dataLocalized()).isEqualTo(5000);
    assertThat(row.duration()).isEqualTo(2);
    assertThat(row.currentTask()).isNull();
    assertThat(row.endTime()).isEqualTo(now.get());
    assertThat(states(b))
        .containsExactly(
            CloneState.COMPLETED,
            CloneState.COMPLETED,
            CloneState.COMPLETED,
            CloneState.COMPLETED,
            CloneState.COMPLETED,
            CloneState.NOT_STARTED,
            CloneState.NOT_STARTED);
  }

  @Test
  void speedsCoverTheLastSecondOfTheRunningStageOnly() throws IOException {
    CloneStatusBoard b = CloneStatusBoard.load(tmp.resolve("#clone"), clock);
    b.begin(1, "LOCAL INSTANCE", "/x");
    b.beginStage(CloneStage.FILE_COPY, 10_000_000, 2);
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofMillis(100));
      b.addBytes(CloneStage.FILE_COPY, 300_000, 100_000);
    }
    CloneProgressRow fc = b.progress().get(1);
    assertThat(fc.dataSpeed()).isEqualTo(3_000_000);
    assertThat(fc.networkSpeed()).isEqualTo(1_000_000);
    assertThat(b.status().orElseThrow().networkBandwidth()).isEqualTo(1_000_000);
    advance(Duration.ofSeconds(2)); // a stall: the next window sees nothing
    assertThat(b.progress().get(1).dataSpeed()).isZero();
    b.endStage(CloneStage.FILE_COPY);
    assertThat(b.progress()).allSatisfy(p -> assertThat(p.dataSpeed()).isZero());
    assertThat(b.progress().get(1).data()).isEqualTo(3_000_000);
  }

  @Test
  void failureMarksRunningStageFailedAndSurvivesReload() throws IOException {
    Path dir = tmp.resolve("#clone");
    CloneStatusBoard b = CloneStatusBoard.load(dir, clock);
    b.begin(7, "h:1", "/d");
    b.beginStage(CloneStage.DROP_DATA, 0, 1);
    b.endStage(CloneStage.DROP_DATA);
    b.beginStage(CloneStage.FILE_COPY, 100, 1);
    b.fail(3862, "Clone Donor Error: 1205 : Lock wait timeout.");
    assertThat(states(b))
        .containsExactly(
            CloneState.COMPLETED,
            CloneState.FAILED,
            CloneState.NOT_STARTED,
            CloneState.NOT_STARTED,
            CloneState.NOT_STARTED,
            CloneState.NOT_STARTED,
            CloneState.NOT_STARTED);
    CloneStatusBoard again = CloneStatusBoard.load(dir, clock);
    assertThat(again.status()).isEqualTo(b.status());
    assertThat(again.progress()).isEqualTo(b.progress());
    assertThat(again.status().orElseThrow().errorNo()).isEqualTo(3862);
    Path destination = tmp.resolve("dest/#clone");
    b.writeTo(destination);
    assertThat(CloneStatusBoard.load(destination, clock).progress()).isEqualTo(b.progress());
  }

  @Test
  void cloneInterruptedByACrashReadsFailedWith1317() throws IOException {
    Path dir = tmp.resolve("#clone");
    CloneStatusBoard b = CloneStatusBoard.load(dir, clock);
    b.begin(7, "h:1", "/d\twith\ttabs\nand\\newline");
    b.beginStage(CloneStage.DROP_DATA, 0, 1);
    b.endStage(CloneStage.DROP_DATA);
    b.beginStage(CloneStage.FILE_COPY, 100, 4);
    // The process dies here: nothing more is written.
    CloneStatusBoard after = CloneStatusBoard.load(dir, clock);
    CloneStatusRow row = after.status().orElseThrow();
    assertThat(row.state()).isEqualTo(CloneState.FAILED);
    assertThat(row.errorNo()).isEqualTo(1317);
    assertThat(row.errorMessage()).isEqualTo("Query execution was interrupted");
    assertThat(row.destination()).isEqualTo("/d\twith\ttabs\nand\\newline");
    assertThat(states(after).subList(0, 3))
        .containsExactly(CloneState.COMPLETED, CloneState.FAILED, CloneState.NOT_STARTED);
    assertThat(after.running()).isFalse();
    // and the next clone gets the next ID, the failed one going to the history.
    assertThat(after.begin(8, "h:1", "/e")).isEqualTo(2);
    assertThat(after.history()).extracting(CloneStatusRow::id).containsExactly(1L);
    assertThat(CloneStatusBoard.load(dir, clock).history()).isEqualTo(after.history());
  }

  @Test
  void anInPlaceCloneContinuesAcrossItsRestartWithoutTheSessionsPid() throws IOException {
    Path dir = tmp.resolve("#clone");
    CloneStatusBoard b = CloneStatusBoard.load(dir, clock);
    b.begin(7, "h:1", "LOCAL INSTANCE");
    b.beginStage(CloneStage.FILE_COPY, 100, 4);
    b.endStage(CloneStage.FILE_COPY);
    b.beginStage(CloneStage.RESTART, 0, 1);
    CloneStatusBoard after = CloneStatusBoard.loadContinuing(dir, clock);
    CloneStatusRow row = after.status().orElseThrow();
    assertThat(row.state()).isEqualTo(CloneState.IN_PROGRESS);
    assertThat(row.pid()).isZero();
    assertThat(after.running()).isTrue();
    after.endStage(CloneStage.RESTART);
    assertThat(CloneStatusBoard.load(dir, clock).status().orElseThrow().pid()).isZero();
  }

  @Test
  void idsGrowAndHistoryKeepsPastClones() throws IOException {
    Path dir = tmp.resolve("#clone");
    CloneStatusBoard b = CloneStatusBoard.load(dir, clock);
    for (int i = 1; i <= 3; i++) {
      assertThat(b.begin(i, "LOCAL INSTANCE", "/c" + i)).isEqualTo(i);
      b.complete();
    }
    assertThat(b.history()).extracting(CloneStatusRow::destination).containsExactly("/c1", "/c2");
    CloneStatusBoard reloaded = CloneStatusBoard.load(dir, clock);
    assertThat(reloaded.begin(9, "LOCAL INSTANCE", "/c4")).isEqualTo(4);
  }

  @Test
  void misuseAndCorruptFilesAreRefused() throws IOException {
    Path dir = tmp.resolve("#clone");
    CloneStatusBoard b = CloneStatusBoard.load(dir, clock);
    assertThatThrownBy(() -> b.beginStage(CloneStage.FILE_COPY, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    b.begin(1, "a:1", "/d");
    b.beginStage(CloneStage.FILE_COPY, 0, 1);
    assertThatThrownBy(() -> b.beginStage(CloneStage.FILE_COPY, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    Path file = dir.resolve("status");
    String text = Files.readString(file);
    Files.writeString(file, text.replace("end\n", ""));
    assertThatThrownBy(() -> CloneStatusBoard.load(dir, clock))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("incomplete");
    Files.writeString(file, text.replace("dolly-clone-status\t1", "dolly-clone-status\t2"));
    assertThatThrownBy(() -> CloneStatusBoard.load(dir, clock))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void incompleteCloneMarkerRefusesStartUntilCleared() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    assertThat(IncompleteCloneMarker.refusalReason(data)).isEmpty();
    IncompleteCloneMarker.mark(data, "donor:3306");
    assertThat(IncompleteCloneMarker.refusalReason(data).orElseThrow())
        .contains("incomplete clone")
        .contains("Remove the directory");
    IncompleteCloneMarker.clear(data);
    assertThat(IncompleteCloneMarker.refusalReason(data)).isEmpty();
  }

  @Test
  void readersSeeConsistentSnapshotsWhileTheCloneRuns() throws Exception {
    CloneStatusBoard b = CloneStatusBoard.load(tmp.resolve("#clone"), InstantSource.system());
    b.begin(1, "LOCAL INSTANCE", "/x");
    b.beginStage(CloneStage.FILE_COPY, 1 << 30, 4);
    Thread[] writers = new Thread[4];
    for (int w = 0; w < writers.length; w++) {
      writers[w] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 20_000; i++) {
                      b.addBytes(CloneStage.FILE_COPY, 10, 11);
                    }
                  });
    }
    long lastSeen = 0;
    while (java.util.Arrays.stream(writers).anyMatch(Thread::isAlive)) {
      CloneStatusBoard.Snapshot s = b.snapshot();
      long total = s.progress().stream().mapToLong(CloneProgressRow::data).sum();
      assertThat(s.status().orElseThrow().dataDownloaded()).isEqualTo(total);
      assertThat(total).isGreaterThanOrEqualTo(lastSeen);
      lastSeen = total;
    }
    for (Thread w : writers) {
      w.join();
    }
    assertThat(b.progress().get(1).data()).isEqualTo(4 * 20_000 * 10L);
    assertThat(b.progress().get(1).network()).isEqualTo(4 * 20_000 * 11L);
  }
}
