package io.dolly.clone.donor;

import io.dolly.storage.BackupLock;
import io.dolly.storage.InstanceId;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.buffer.PageTracker;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.CommitHold;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.redo.RedoRangeConsumer;
import io.dolly.storage.redo.RedoRetention;
import io.dolly.storage.space.TablespaceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consistent copy of a running instance, taken in the stages of ARCHITECTURE.md while the donor
 * keeps serving reads and writes:
 *
 * <ol>
 *   <li>{@link #open}: takes the backup lock (the file list cannot change), keeps all redo from the
 *       start LSN and starts the page tracker, seeded with every page dirty now.
 *   <li>FILE COPY: the caller sends {@link #files()} as they are on disk; pages may be torn or
 *       stale, but every such page is dirty at the start or dirtied meanwhile, so it is tracked.
 *   <li>PAGE COPY: {@link #startPageCopy()} notes LSN_pc and stops tracking; each tracked page is
 *       read under its latch ({@link #copyPages}), an image at least as new as LSN_pc.
 *   <li>REDO COPY: {@link #fixEndLsn()} holds commits for an instant to fix LSN_end; {@link
 *       #copyRedo} streams [LSN_pc, LSN_end).
 * </ol>
 *
 * A recipient that recovers from a checkpoint at LSN_pc with that redo gets exactly the donor's
 * state at LSN_end: untracked pages were clean at the start and untouched until LSN_pc, tracked
 * pages are re-sent at least as new as LSN_pc, and replay skips what a page already has.
 *
 * <p>Not thread-safe except {@link #files()}; one coordinator drives the stages in order.
 */
public final class CloneSnapshot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloneSnapshot.class);

  private final StorageEngine engine;
  private final List<String> instanceFiles;
  private final BackupLock.Hold backupHold;
  private final RedoRetention retention;
  private final PageTracker tracker;
  private long pageCopyLsn = -1;
  private long endLsn = -1;
  private Duration commitPause = Duration.ZERO;

  private CloneSnapshot(
      StorageEngine engine,
      List<String> instanceFiles,
      BackupLock.Hold backupHold,
      RedoRetention retention,
      PageTracker tracker) {
    this.engine = engine;
    this.instanceFiles = List.copyOf(instanceFiles);
    this.backupHold = backupHold;
    this.retention = retention;
    this.tracker = tracker;
  }

  /**
   * Starts a snapshot.
   *
   * @param instanceFiles files outside the storage engine that an instance needs (relative to the
   *     data directory, e.g. {@code mysql/accounts}); those missing are skipped
   * @param ddlTimeout how long to wait for running DDL to finish (clone_ddl_timeout)
   * @param abortOnDdl null to make DDL wait for the snapshot; else what a DDL calls to abort it
   * @throws io.dolly.storage.txn.LockWaitTimeoutException when DDL still runs after the timeout
   */
  public static CloneSnapshot open(
      StorageEngine engine, List<String> instanceFiles, Duration ddlTimeout, Runnable abortOnDdl) {
    BackupLock.Hold hold = engine.backupLock().acquireBackup(ddlTimeout, abortOnDdl);
    try {
      RedoLog redo = engine.redoLog();
      // Retention first: every LSN the tracker may later name as its start is then kept.
      RedoRetention retention = redo.retainFrom(redo.currentLsn());
      PageTracker tracker = engine.bufferPool().startTracking();
      return new CloneSnapshot(engine, instanceFiles, hold, retention, tracker);
    } catch (RuntimeException e) {
      hold.close();
      throw e;
    }
  }

  /** Every tablespace, then the instance files, with their sizes now. */
  public List<SnapshotFile> files() {
    List<SnapshotFile> out = new ArrayList<>();
    for (TablespaceFile f : engine.tablespaces().files()) {
      out.add(new SnapshotFile(f.relativePath(), f.path(), f.sizeBytes(), f.spaceId()));
    }
    for (String name : instanceFiles) {
      Path p = engine.datadir().resolve(name);
      try {
        if (Files.isRegularFile(p)) {
          out.add(new SnapshotFile(name, p, Files.size(p), SnapshotFile.NOT_A_TABLESPACE));
        }
      } catch (IOException e) {
        // Deleted between the check and the size: the instance no longer has it.
      }
    }
    return out;
  }

  /** LSN when page tracking started. */
  public long startLsn() {
    return tracker.startLsn();
  }

  /**
   * Ends FILE COPY: notes LSN_pc (before stopping the tracker, so every change below it is either
   * tracked or in the redo from it on) and returns the tracked pages in file order.
   */
  public List<PageId> startPageCopy() {
    if (pageCopyLsn >= 0) {
      throw new IllegalStateException("page copy already started");
    }
    pageCopyLsn = engine.redoLog().currentLsn();
    return new ArrayList<>(tracker.stop());
  }

  /** LSN_pc: where the recipient's recovery starts. */
  public long pageCopyLsn() {
    return pageCopyLsn;
  }

  /**
   * Consistent images of tracked pages, each read under its latch. Before they are returned the
   * redo up to the newest of them is durable (write-ahead): an image may carry changes whose redo
   * the donor has only buffered, and must not outlive a donor crash that loses them. One redo flush
   * serves the whole batch, so callers pass as many pages as one transfer buffer holds.
   */
  public List<TrackedPage> copyPages(List<PageId> ids) {
    List<TrackedPage> out = new ArrayList<>(ids.size());
    long newest = 0;
    for (PageId id : ids) {
      byte[] image = engine.bufferPool().copyPage(id.spaceId(), id.pageNo());
      newest = Math.max(newest, PageChecksum.pageLsn(image));
      String file = engine.tablespaces().require(id.spaceId()).name();
      out.add(new TrackedPage(file, (long) id.pageNo() * engine.pageSize(), image));
    }
    engine.redoLog().flushDurable(newest);
    return out;
  }

  /**
   * Starts REDO COPY: holds commits just long enough to read the end of the log (nothing else is
   * done under the hold — reading a page there could wait for a committer waiting for the hold).
   * The pause is measured and logged.
   */
  public long fixEndLsn() {
    if (pageCopyLsn < 0) {
      throw new IllegalStateException("page copy has not started");
    }
    long t0 = System.nanoTime();
    try (CommitHold hold = engine.redoLog().holdCommits()) {
      endLsn = hold.lsn();
    }
    commitPause = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info(
        "clone end LSN {} fixed; commits paused {} us (page copy LSN {}, start LSN {})",
        endLsn,
        commitPause.toNanos() / 1000,
        pageCopyLsn,
        startLsn());
    return endLsn;
  }

  /** LSN_end: the clone equals the donor's committed state at this LSN. */
  public long endLsn() {
    return endLsn;
  }

  /** How long commits were held to fix LSN_end. */
  public Duration commitPause() {
    return commitPause;
  }

  /** Streams the redo [LSN_pc, LSN_end) in consecutive chunks. */
  public void copyRedo(RedoRangeConsumer consumer) throws IOException {
    copyRedo(pageCopyLsn, consumer);
  }

  /** Streams the redo [from, LSN_end), from ≥ LSN_pc: what a resumed REDO COPY still needs. */
  public void copyRedo(long from, RedoRangeConsumer consumer) throws IOException {
    if (endLsn < 0) {
      throw new IllegalStateException("end LSN not fixed");
    }
    if (from < pageCopyLsn || from > endLsn) {
      throw new IllegalArgumentException(
          "redo from " + from + " outside " + pageCopyLsn + ".." + endLsn);
    }
    engine.redoLog().readRange(from, endLsn, consumer);
  }

  public InstanceId instanceId() {
    return engine.instanceId();
  }

  public int pageSize() {
    return engine.pageSize();
  }

  /** Bytes per redo file of the donor, so the copy's redo files look like the donor's. */
  public long redoFileCapacity() {
    return engine.config().redoFileCapacity();
  }

  /** Releases tracking, redo retention and the backup lock (in that order); idempotent. */
  @Override
  public void close() {
    try {
      if (tracker.active()) {
        tracker.stop();
      }
    } finally {
      try {
        retention.close();
      } finally {
        backupHold.close();
      }
    }
  }
}
