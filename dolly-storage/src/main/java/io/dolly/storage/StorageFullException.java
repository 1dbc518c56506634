package io.dolly.storage;

import java.nio.file.Path;

/** The disk refused to grow a file (ENOSPC). The operation failed; nothing durable was lost. */
public final class StorageFullException extends StorageException {
  private final Path file;

  public StorageFullException(Path file, Throwable cause) {
    super("no space left on device while writing " + file, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
