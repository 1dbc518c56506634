package io.dolly.storage.txn;

/** Row lock modes: shared for locking reads, exclusive for writes and SELECT ... FOR UPDATE. */
public enum LockMode {
  SHARED,
  EXCLUSIVE;

  boolean compatibleWith(LockMode other) {
    return this == SHARED && other == SHARED;
  }
}
