package io.dolly.storage;

/**
 * The engine stopped accepting work after a failure that may have lost data it already acknowledged
 * to the operating system (an fsync error, a failed redo write). Continuing would risk silently
 * diverging from disk, so every later operation fails with this until a restart recovers.
 */
public final class StorageHaltedException extends StorageException {
  public StorageHaltedException(String message, Throwable cause) {
    super(message, cause);
  }
}
