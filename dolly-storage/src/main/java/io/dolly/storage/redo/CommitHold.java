package io.dolly.storage.redo;

/**
 * Blocks new redo appends (and so commits) until closed. {@link #lsn()} is where the redo of every
 * mini-transaction appended before the hold ends: clone's LSN_end.
 */
public interface CommitHold extends AutoCloseable {
  long lsn();

  @Override
  void close();
}
