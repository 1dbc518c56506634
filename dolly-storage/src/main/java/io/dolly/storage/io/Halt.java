package io.dolly.storage.io;

import io.dolly.storage.StorageHaltedException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's fail-stop switch. After an fsync failure the kernel may have dropped dirty data and
 * cleared the error (PostgreSQL's "fsyncgate"); retrying would report success over lost writes. So
 * the first such failure halts the engine and every later operation fails with the original cause.
 */
public final class Halt {
  private final AtomicReference<StorageHaltedException> reason = new AtomicReference<>();

  /** Halts (first reason wins) and returns the exception to throw. */
  public StorageHaltedException halt(String what, Throwable cause) {
    reason.compareAndSet(
        null,
        new StorageHaltedException(
            "storage engine halted after " + what + ": " + cause + "; restart to recover", cause));
    return reason.get();
  }

  public boolean halted() {
    return reason.get() != null;
  }

  /** Throws if halted. */
  public void check() {
    StorageHaltedException e = reason.get();
    if (e != null) {
      throw new StorageHaltedException(e.getMessage(), e.getCause());
    }
  }
}
