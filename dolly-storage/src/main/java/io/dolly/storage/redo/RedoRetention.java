package io.dolly.storage.redo;

/**
 * Keeps every redo file holding LSNs at or above {@link #fromLsn()} until closed. Checkpoints still
 * advance (so writers never stall on a clone); only file deletion waits.
 */
public interface RedoRetention extends AutoCloseable {
  long fromLsn();

  @Override
  void close();
}
