package io.dolly.server.clone;

import io.dolly.clone.CloneSlot;
import io.dolly.clone.donor.CloneSnapshot;
import io.dolly.clone.local.Cancellation;
import io.dolly.clone.local.CloneSettings;
import io.dolly.clone.local.LocalClone;
import io.dolly.clone.recipient.DataDirectoryCheck;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.exec.SqlSession;
import io.dolly.sql.exec.StatementHandler;
import io.dolly.sql.exec.StatementResult;
import io.dolly.sql.exec.UpdateResult;
import io.dolly.sql.sysvar.SystemVariables;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.txn.LockWaitTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code CLONE LOCAL DATA DIRECTORY = '<dir>'}, in CLONE.md's order: BACKUP_ADMIN (1227), the DATA
 * DIRECTORY rules of §5 (nothing written before they pass), one clone at a time per server (3634) —
 * none of which touch the status tables — then the clone itself, reported on the status board: the
 * backup lock (DDL waits; {@code clone_ddl_timeout=0} lets a DDL abort the clone with 3633; a
 * running DDL makes the clone wait up to that timeout, then 1205), the stages, and KILL QUERY
 * (1317) checked between transfers. Whatever fails after the clone began fails it on the board with
 * the error the client gets.
 */
public final class CloneLocalStatement implements StatementHandler, AutoCloseable {
  /**
   * Files outside the storage engine that a cloned instance needs: none, since accounts and grants
   * are rows of mysql.ibd. Not cloned, as CLONE.md §9 says: auto.cnf, persisted variables, TLS
   * material, the error log, the pid file and {@code #clone/} itself.
   */
  public static final List<String> INSTANCE_FILES = List.of();

  private final StorageEngine engine;
  private final CloneStatusBoard board;
  private final SystemVariables variables;
  private final CloneSlot slot;
  private volatile BandwidthThrottle throttle;
  private final RunningClone running;

  /**
   * @param slot the server's one clone at a time, shared with the donor and the remote recipient
   */
  public CloneLocalStatement(
      StorageEngine engine, CloneStatusBoard board, SystemVariables variables, CloneSlot slot) {
    this.engine = engine;
    this.slot = slot;
    this.running = new RunningClone(slot);
    this.board = board;
    this.variables = variables;
    // A new clone_max_data_bandwidth applies to the running clone at its next transfer.
    variables.onGlobalChange(
        "clone_max_data_bandwidth",
        value -> {
          BandwidthThrottle t = throttle;
          if (t != null) {
            t.setLimitMibPerSecond(((Number) value).longValue());
          }
        });
  }

  @Override
  public StatementResult execute(Statement statement, SqlSession session) {
    Admin.CloneLocal clone = (Admin.CloneLocal) statement;
    CloneAccess.requireBackupAdmin(session);
    Path target = DataDirectoryCheck.prepare(clone.directory(), engine.datadir());
    slot.acquire();
    try {
      board.begin(session.info().connectionId(), LocalClone.SOURCE, target.toString());
      run(target, running.start(session));
      return UpdateResult.OK;
    } catch (RuntimeException e) {
      MysqlException error =
          e instanceof MysqlException m
              ? m
              : new MysqlException(e, ErrorCode.ER_INTERNAL_ERROR, e.getMessage());
      if (board.running()) {
        board.fail(error.errorNumber(), error.getMessage());
      }
      if (error.is(ErrorCode.ER_QUERY_INTERRUPTED)) {
        session.killReported();
      }
      throw error;
    } finally {
      running.end();
      slot.release();
    }
  }

  /**
   * Server shutdown, before the engine closes: a running clone stops at its next transfer (1053),
   * removes its directory and fails on the board; waits up to 10 s for that.
   */
  @Override
  public void close() {
    running.shutdown();
  }

  private void run(Path target, Cancellation cancellation) {
    long ddlTimeout = number("clone_ddl_timeout");
    CloneSnapshot snapshot;
    try {
      snapshot =
          CloneSnapshot.open(
              engine,
              INSTANCE_FILES,
              Duration.ofSeconds(ddlTimeout),
              ddlTimeout == 0 ? cancellation::abortForDdl : null);
    } catch (LockWaitTimeoutException e) {
      throw new MysqlException(e, ErrorCode.ER_LOCK_WAIT_TIMEOUT);
    }
    try (snapshot) {
      BandwidthThrottle t = BandwidthThrottle.ofMibPerSecond(number("clone_max_data_bandwidth"));
      throttle = t;
      CloneSettings settings =
          new CloneSettings(
              (int) number("clone_max_concurrency"),
              Boolean.TRUE.equals(variables.global("clone_autotune_concurrency")),
              (int) number("clone_buffer_size"),
              t);
      new LocalClone(snapshot, target, settings, board, cancellation).run();
    } finally {
      throttle = null;
    }
  }

  private long number(String variable) {
    return ((Number) variables.global(variable)).longValue();
  }
}
