package io.dolly.storage.txn;

import io.dolly.storage.StorageException;

/**
 * A row lock was not granted within innodb_lock_wait_timeout (MySQL error 1205). The failed
 * statement has been rolled back; the transaction stays open, as in MySQL by default.
 */
public final class LockWaitTimeoutException extends StorageException {
  public LockWaitTimeoutException(String message) {
    super(message);
  }
}
