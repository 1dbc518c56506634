package io.dolly.clone.local;

import io.dolly.clone.CloneStage;
import io.dolly.clone.donor.CloneSnapshot;
import io.dolly.clone.donor.TrackedPage;
import io.dolly.clone.recipient.TargetDirectory;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.CheckpointFile;
import io.dolly.storage.redo.RedoFileSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLONE LOCAL DATA DIRECTORY: writes a {@link CloneSnapshot} into a new directory so that a server
 * started there ({@code StorageEngine.open}, then {@code TransactionManager.open}) recovers to
 * exactly the snapshot's end LSN and rolls back what was uncommitted there.
 *
 * <p>What the target gets: the tablespace and instance files (FILE COPY), tracked pages written
 * over them at their offsets (PAGE COPY), redo files holding [LSN_pc, LSN_end) with a checkpoint at
 * LSN_pc in {@code #innodb_redo/} (REDO COPY), then everything fsynced (FILE SYNC). No doublewrite
 * file (every page the copy may have read torn is re-sent whole by PAGE COPY; the engine creates an
 * empty one), no {@code auto.cnf} (the clone gets its own server_uuid). From before the first byte
 * until after the last sync it carries {@code #clone/in_progress}, so a server refuses to start on
 * a partial copy; the status tables are written into its {@code #clone/} last. A failure removes
 * the whole directory.
 *
 * <p>The caller has begun the clone on the board and validated the directory (CLONE.md §5); this
 * class runs DROP DATA (nothing to drop locally) through FILE SYNC and completes or fails it.
 */
public final class LocalClone {
  private static final Logger LOG = LoggerFactory.getLogger(LocalClone.class);

  public static final String SOURCE = "LOCAL INSTANCE";

  private final CloneSnapshot snapshot;
  private final Path directory;
  private final CloneSettings settings;
  private final CloneStatusBoard board;
  private final Cancellation cancellation;

  public LocalClone(
      CloneSnapshot snapshot,
      Path directory,
      CloneSettings settings,
      CloneStatusBoard board,
      Cancellation cancellation) {
    this.snapshot = snapshot;
    this.directory = directory;
    this.settings = settings;
    this.board = board;
    this.cancellation = cancellation;
  }

  /**
   * Creates the directory and runs every stage. On any failure the directory is removed, the board
   * shows the clone Failed with the error the client gets, and that error is thrown.
   */
  public void run() {
    TargetDirectory created;
    try {
      created = TargetDirectory.create(directory);
    } catch (MysqlException e) {
      board.fail(e.errorNumber(), e.getMessage());
      throw e;
    }
    TargetFiles target = new TargetFiles(created.root());
    try {
      IncompleteCloneMarker.mark(target.root(), SOURCE);
      board.beginStage(CloneStage.DROP_DATA, 0, 1);
      board.endStage(CloneStage.DROP_DATA);
      new FileCopyStage(target, settings, board, cancellation).run(snapshot.files());
      pageCopy(target);
      redoCopy(target);
      board.beginStage(CloneStage.FILE_SYNC, 0, 1);
      target.syncAll();
      board.endStage(CloneStage.FILE_SYNC);
      cancellation.check();
      board.complete();
      board.writeTo(target.root().resolve(IncompleteCloneMarker.CLONE_DIRECTORY));
      target.syncStatus();
      IncompleteCloneMarker.clear(target.root());
    } catch (RuntimeException | IOException | InterruptedException e) {
      MysqlException error = asMysqlError(e, target.root());
      if (board.running()) {
        board.fail(error.errorNumber(), error.getMessage());
      }
      removeQuietly(target.root());
      throw error;
    }
    LOG.info(
        "cloned into {}: LSN {} to {}, commits paused {} us",
        directory,
        snapshot.pageCopyLsn(),
        snapshot.endLsn(),
        snapshot.commitPause().toNanos() / 1000);
  }

  private void pageCopy(TargetFiles target) throws IOException, InterruptedException {
    List<PageId> pages = snapshot.startPageCopy();
    int pageSize = snapshot.pageSize();
    board.beginStage(CloneStage.PAGE_COPY, (long) pages.size() * pageSize, 1);
    int batch = Math.max(1, settings.bufferSize() / pageSize);
    Map<String, FileChannel> open = new HashMap<>();
    try {
      for (int from = 0; from < pages.size(); from += batch) {
        cancellation.check();
        List<PageId> ids = pages.subList(from, Math.min(pages.size(), from + batch));
        settings.throttle().acquire((long) ids.size() * pageSize);
        for (TrackedPage page : snapshot.copyPages(ids)) {
          FileChannel ch = open.computeIfAbsent(page.file(), target::openForWrite);
          ByteBuffer b = ByteBuffer.wrap(page.image());
          try {
            while (b.hasRemaining()) {
              ch.write(b, page.offset() + b.position());
            }
          } catch (IOException e) {
            throw TargetFiles.writeError(target.resolve(page.file()), e);
          }
        }
        board.addBytes(CloneStage.PAGE_COPY, (long) ids.size() * pageSize, 0);
      }
    } finally {
      for (FileChannel ch : open.values()) {
        ch.close();
      }
    }
    board.endStage(CloneStage.PAGE_COPY);
  }

  private void redoCopy(TargetFiles target) throws IOException {
    long from = snapshot.pageCopyLsn();
    long to = snapshot.fixEndLsn();
    board.beginStage(CloneStage.REDO_COPY, to - from, 1);
    Path redoDir = target.resolve(StorageEngine.REDO_DIR);
    RedoFileSet files =
        RedoFileSet.create(
            ChannelFileSystem.INSTANCE,
            redoDir,
            snapshot.instanceId(),
            snapshot.redoFileCapacity(),
            from);
    try {
      snapshot.copyRedo(
          (lsn, bytes) -> {
            cancellation.check();
            int n = bytes.remaining();
            try {
              settings.throttle().acquire(n);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
            }
            files.write(lsn, bytes);
            board.addBytes(CloneStage.REDO_COPY, n, 0);
          });
      files.force();
    } finally {
      files.close();
    }
    // The checkpoint file marks an initialized instance to the engine: it comes after the redo.
    CheckpointFile.create(
            ChannelFileSystem.INSTANCE, redoDir, snapshot.instanceId(), snapshot.pageSize(), from)
        .close();
    board.endStage(CloneStage.REDO_COPY);
  }

  private MysqlException asMysqlError(Exception e, Path root) {
    if (cancellation.requested()) {
      try {
        cancellation.check();
      } catch (MysqlException m) {
        return m;
      }
    }
    return switch (e) {
      case MysqlException m -> m;
      case InterruptedException i -> new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
      case IOException io -> TargetFiles.writeError(root, io);
      default -> {
        LOG.error("clone into {} failed", directory, e);
        yield new MysqlException(
            e, ErrorCode.ER_ERROR_ON_WRITE, root.toString(), 5, String.valueOf(e.getMessage()));
      }
    };
  }

  private static void removeQuietly(Path root) {
    try {
      TargetDirectory.removeTree(root);
    } catch (IOException e) {
      LOG.error("cannot remove the partial clone {}: {}", root, e.toString());
    }
  }
}
