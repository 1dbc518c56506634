package io.dolly.storage;

/**
 * A file is not one this instance can use: wrong magic, written by a newer format version, or
 * belonging to another instance. The message says which, exactly.
 */
public final class StorageFormatException extends StorageException {
  public StorageFormatException(String message) {
    super(message);
  }
}
