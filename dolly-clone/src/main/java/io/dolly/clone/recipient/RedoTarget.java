package io.dolly.clone.recipient;

import io.dolly.clone.wire.CloneProtocol;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.InstanceId;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.redo.CheckpointFile;
import io.dolly.storage.redo.RedoFileSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The redo of REDO COPY in the target: files of the donor's size holding exactly the announced
 * range [start, end), written in order without gaps, then a checkpoint at the start — where the
 * copy's first recovery begins. As in a local clone, the checkpoint file is written last: it is
 * what marks the directory as an initialized instance.
 */
final class RedoTarget {
  private final Path redoDir;
  private final InstanceId instance;
  private final int pageSize;
  private final long start;
  private final long end;
  private final RedoFileSet files;
  private long next;

  RedoTarget(
      Path root, InstanceId instance, long fileCapacity, int pageSize, long start, long end) {
    this.redoDir = root.resolve(StorageEngine.REDO_DIR);
    this.instance = instance;
    this.pageSize = pageSize;
    this.start = start;
    this.end = end;
    this.next = start;
    this.files =
        RedoFileSet.create(ChannelFileSystem.INSTANCE, redoDir, instance, fileCapacity, start);
  }

  /** Appends a chunk that must start exactly where the previous one ended, inside the range. */
  synchronized void write(long lsn, byte[] raw) {
    if (lsn != next || raw.length > end - lsn) {
      throw CloneProtocol.malformed(
          "redo chunk at LSN "
              + lsn
              + "+"
              + raw.length
              + " does not continue "
              + next
              + ".."
              + end);
    }
    try {
      files.write(lsn, ByteBuffer.wrap(raw));
    } catch (IOException e) {
      throw writeError(e);
    }
    next += raw.length;
  }

  /** The whole range arrived: syncs the redo and writes the checkpoint. */
  synchronized void finish() {
    if (next != end) {
      throw CloneProtocol.malformed("redo ended at LSN " + next + ", announced " + end);
    }
    try {
      files.force();
      files.close();
      CheckpointFile.create(ChannelFileSystem.INSTANCE, redoDir, instance, pageSize, start).close();
    } catch (IOException e) {
      throw writeError(e);
    }
  }

  void closeQuietly() {
    try {
      files.close();
    } catch (IOException | RuntimeException ignored) {
      // The directory is being removed.
    }
  }

  private MysqlException writeError(IOException e) {
    OsErrno errno = OsErrno.of(e);
    return new MysqlException(
        e, ErrorCode.ER_ERROR_ON_WRITE, redoDir.toString(), errno.number(), errno.text());
  }
}
