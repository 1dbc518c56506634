package io.dolly.storage;

/** Base of every failure the storage engine reports; the SQL layer maps subclasses to errors. */
public class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
