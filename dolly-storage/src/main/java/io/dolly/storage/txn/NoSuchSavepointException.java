package io.dolly.storage.txn;

import io.dolly.storage.StorageException;

/** ROLLBACK TO / RELEASE of a savepoint the transaction does not have (MySQL error 1305). */
public final class NoSuchSavepointException extends StorageException {
  private final String name;

  public NoSuchSavepointException(String name) {
    super("SAVEPOINT " + name + " does not exist");
    this.name = name;
  }

  public String name() {
    return name;
  }
}
