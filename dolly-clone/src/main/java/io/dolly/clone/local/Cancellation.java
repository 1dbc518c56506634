package io.dolly.clone.local;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.util.function.BooleanSupplier;

/**
 * Why a running clone must stop: KILL QUERY of its session (1317), a DDL that asked the backup lock
 * to abort it ({@code clone_ddl_timeout=0}, 3633), or the server shutting down (1053). Checked
 * between transfers, which are at most {@code clone_buffer_size} long, so a clone stops within one
 * buffer's time.
 */
public final class Cancellation {
  private final BooleanSupplier killed;
  private volatile boolean abortedByDdl;
  private volatile boolean shuttingDown;

  public Cancellation(BooleanSupplier killed) {
    this.killed = killed;
  }

  /** Never cancelled (tests, tools). */
  public static Cancellation none() {
    return new Cancellation(() -> false);
  }

  /** Called by a DDL through the backup lock; the clone fails with 3633 at its next check. */
  public void abortForDdl() {
    abortedByDdl = true;
  }

  /** The server is stopping; the clone fails with 1053 at its next check. */
  public void abortForShutdown() {
    shuttingDown = true;
  }

  public boolean requested() {
    return abortedByDdl || shuttingDown || killed.getAsBoolean();
  }

  /** Throws the error the client sees when the clone was asked to stop. */
  public void check() {
    if (abortedByDdl) {
      throw new MysqlException(ErrorCode.ER_CLONE_DDL_IN_PROGRESS);
    }
    if (shuttingDown) {
      throw new MysqlException(ErrorCode.ER_SERVER_SHUTDOWN);
    }
    if (killed.getAsBoolean()) {
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
  }
}
