package io.dolly.storage.txn;

import io.dolly.storage.StorageException;

/**
 * Waiting for a row lock would close a cycle of waits (MySQL error 1213). The requesting
 * transaction is the victim: it has been rolled back completely and has ended.
 */
public final class DeadlockException extends StorageException {
  public DeadlockException(String message) {
    super(message);
  }
}
