package io.dolly.server.clone;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.local.Cancellation;
import io.dolly.sql.exec.SqlSession;
import java.time.Duration;

/**
 * The clone a statement handler runs now, so that server shutdown can stop it: the clone fails at
 * its next check with 1053, removes its directory and fails on the board, and shutdown waits up to
 * {@link #SHUTDOWN_WAIT} for that before the engine closes.
 */
final class RunningClone {
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final CloneSlot slot;
  private volatile Cancellation current;
  private volatile boolean closed;

  RunningClone(CloneSlot slot) {
    this.slot = slot;
  }

  /** The cancellation of the session's clone (KILL QUERY), already stopped after shutdown. */
  Cancellation start(SqlSession session) {
    Cancellation c = new Cancellation(session::isKilled);
    current = c;
    if (closed) {
      c.abortForShutdown();
    }
    return c;
  }

  void end() {
    current = null;
  }

  void shutdown() {
    closed = true;
    Cancellation c = current;
    if (c != null) {
      c.abortForShutdown();
      slot.awaitFree(SHUTDOWN_WAIT);
    }
  }
}
