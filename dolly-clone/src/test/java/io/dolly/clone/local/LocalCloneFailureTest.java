package io.dolly.clone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.clone.CloneStage;
import io.dolly.clone.donor.CloneSnapshot;
import io.dolly.clone.status.CloneProgressRow;
import io.dolly.clone.status.CloneState;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.BackupLock;
import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.btree.BTree;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.txn.LockWaitTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone stopped by KILL QUERY (1317) or by a DDL when clone_ddl_timeout=0 (3633) fails promptly,
 * leaves no directory behind, reads Failed on the board with the running stage Failed, and the
 * donor can clone again at once.
 */
@Timeout(120)
class LocalCloneFailureTest {
  @TempDir Path dir;

  private StorageEngine donor;
  private CloneStatusBoard board;

  @BeforeEach
  void fourMebibytes() throws Exception {
    donor = StorageEngine.open(dir.resolve("donor"), StorageConfig.defaults());
    int space = donor.createTablespace("filler/rows.ibd");
    int root;
    try (MiniTransaction mtr = donor.beginMiniTransaction()) {
      root = BTree.create(mtr, space);
      mtr.commit();
    }
    BTree tree = BTree.open(donor::beginMiniTransaction, space, root);
    for (int i = 0; i < 1500; i++) {
      tree.insert(ByteBuffer.allocate(8).putLong(i).array(), new byte[3000]);
    }
    donor.checkpoint();
    board = CloneStatusBoard.load(dir.resolve("#clone"), InstantSource.system());
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    donor.close();
  }

  /** One MiB/s over about 5 MiB: the clone runs for seconds unless stopped. */
  private static CloneSettings slow() {
    return new CloneSettings(2, false, 1 << 20, BandwidthThrottle.ofMibPerSecond(1));
  }

  @Test
  void killQueryStopsTheCloneWithin1317AndRemovesTheDirectory() throws Exception {
    Path target = dir.resolve("killed");
    AtomicBoolean killed = new AtomicBoolean();
    board.begin(7, LocalClone.SOURCE, target.toString());
    CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> killed.set(true));
    long t0 = System.nanoTime();
    try (CloneSnapshot snapshot =
        CloneSnapshot.open(donor, List.of(), Duration.ofSeconds(1), null)) {
      assertThatThrownBy(
              () ->
                  new LocalClone(snapshot, target, slow(), board, new Cancellation(killed::get))
                      .run())
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(1317));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
    assertThat(target).doesNotExist();
    assertThat(board.status().orElseThrow().state()).isEqualTo(CloneState.FAILED);
    assertThat(board.status().orElseThrow().errorNo()).isEqualTo(1317);
    assertThat(stage(CloneStage.FILE_COPY)).isEqualTo(CloneState.FAILED);
    assertThat(stage(CloneStage.DROP_DATA)).isEqualTo(CloneState.COMPLETED);
    assertThat(stage(CloneStage.PAGE_COPY)).isEqualTo(CloneState.NOT_STARTED);
    cloneAgainAtOnce();
  }

  @Test
  void aDdlAbortsACloneThatAllowsIt() throws Exception {
    Path target = dir.resolve("aborted");
    board.begin(7, LocalClone.SOURCE, target.toString());
    Cancellation cancellation = Cancellation.none();
    CompletableFuture<BackupLock.Hold> ddl;
    try (CloneSnapshot snapshot =
        CloneSnapshot.open(donor, List.of(), Duration.ofSeconds(1), cancellation::abortForDdl)) {
      ddl =
          CompletableFuture.supplyAsync(
              () -> {
                Pause.millis(500);
                return donor.backupLock().enterDdl(Duration.ofSeconds(30));
              });
      assertThatThrownBy(() -> new LocalClone(snapshot, target, slow(), board, cancellation).run())
          .isInstanceOfSatisfying(
              MysqlException.class, e -> assertThat(e.errorNumber()).isEqualTo(3633));
    }
    ddl.get().close(); // the DDL went ahead once the snapshot let go
    assertThat(target).doesNotExist();
    assertThat(board.status().orElseThrow().errorNo()).isEqualTo(3633);
    cloneAgainAtOnce();
  }

  @Test
  void aSnapshotWaitsForRunningDdlUpToItsTimeout() throws Exception {
    try (BackupLock.Hold ddl = donor.backupLock().enterDdl(Duration.ofSeconds(1))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(
              () -> CloneSnapshot.open(donor, List.of(), Duration.ofMillis(300), null).close())
          .isInstanceOf(LockWaitTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(250));
    }
    cloneAgainAtOnce();
  }

  private CloneState stage(CloneStage s) {
    return board.progress().stream()
        .filter(r -> r.stage() == s)
        .map(CloneProgressRow::state)
        .findFirst()
        .orElseThrow();
  }

  private void cloneAgainAtOnce() throws Exception {
    Path again = dir.resolve("again");
    board.begin(8, LocalClone.SOURCE, again.toString());
    try (CloneSnapshot snapshot = CloneSnapshot.open(donor, List.of(), Duration.ZERO, null)) {
      new LocalClone(
              snapshot,
              again,
              new CloneSettings(4, true, 1 << 20, BandwidthThrottle.ofMibPerSecond(0)),
              board,
              Cancellation.none())
          .run();
    }
    assertThat(board.status().orElseThrow().state()).isEqualTo(CloneState.COMPLETED);
    assertThat(Files.size(again.resolve("filler/rows.ibd")))
        .isEqualTo(Files.size(dir.resolve("donor/filler/rows.ibd")));
  }

  /** Sleeps without a checked exception (for lambdas). */
  private static final class Pause {
    static void millis(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
