package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.txn.LockWaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackupLockTest {
  private final BackupLock lock = new BackupLock();

  @Test
  void ddlTimesOutWhileABackupHoldsTheLock() {
    try (BackupLock.Hold backup = lock.acquireBackup(Duration.ZERO, null)) {
      assertThatThrownBy(() -> lock.enterDdl(Duration.ofMillis(50)))
          .isInstanceOf(LockWaitTimeoutException.class);
    }
    lock.enterDdl(Duration.ZERO).close();
  }

  @Test
  void ddlProceedsOnceTheBackupEnds() throws Exception {
    BackupLock.Hold backup = lock.acquireBackup(Duration.ZERO, null);
    CompletableFuture<Void> ddl =
        CompletableFuture.runAsync(() -> lock.enterDdl(Duration.ofSeconds(10)).close());
    Thread.sleep(50);
    assertThat(ddl).isNotDone();
    backup.close();
    ddl.get(10, TimeUnit.SECONDS);
  }

  @Test
  void backupWaitsForRunningDdlAndTimesOut() {
    try (BackupLock.Hold ddl = lock.enterDdl(Duration.ZERO)) {
      assertThatThrownBy(() -> lock.acquireBackup(Duration.ofMillis(50), null))
          .isInstanceOf(LockWaitTimeoutException.class);
      assertThat(lock.heldByBackup()).isFalse();
    }
  }

  @Test
  void ddlAbortsABackupThatAskedForIt() throws Exception {
    AtomicInteger aborts = new AtomicInteger();
    BackupLock.Hold[] backup = new BackupLock.Hold[1];
    backup[0] =
        lock.acquireBackup(
            Duration.ZERO,
            () -> {
              aborts.incrementAndGet();
              // The backup notices asynchronously and lets go.
              CompletableFuture.runAsync(() -> backup[0].close());
            });
    lock.enterDdl(Duration.ofSeconds(10)).close();
    assertThat(aborts).hasValue(1);
    assertThat(lock.heldByBackup()).isFalse();
  }
}
