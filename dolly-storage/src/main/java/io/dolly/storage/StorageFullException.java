package io.dolly.storage;

import java.nio.file.Path;

/**
 * The disk refused to grow a file (ENOSPC). The operation failed and was undone; nothing durable
 * was lost, and the engine keeps running (redo files are preallocated, so only tablespace growth
 * meets a full disk). As InnoDB does (DB_OUT_OF_FILE_SPACE), the SQL layer reports it as
 * ER_RECORD_FILE_FULL, 1114 (HY000) "The table '{@link #table()}' is full", and the statement can
 * succeed again once space is freed, without a restart.
 */
public final class StorageFullException extends StorageException {
  private final Path file;

  public StorageFullException(Path file, Throwable cause) {
    super("no space left on device while writing " + file, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The table the file holds as MySQL names it in 1114: the file name without {@code .ibd}. */
  public String table() {
    String name = file.getFileName().toString();
    return name.endsWith(".ibd") ? name.substring(0, name.length() - 4) : name;
  }
}
