package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.txn.DeadlockException;
import io.dolly.storage.txn.LockWaitTimeoutException;
import io.dolly.storage.txn.NoSuchSavepointException;
import io.dolly.storage.txn.Transaction;
import io.dolly.storage.txn.TransactionManager;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The storage transaction of one session, begun lazily by the first statement that touches a table.
 * With autocommit on and no BEGIN, each statement commits its own transaction; otherwise the
 * transaction lasts until COMMIT, ROLLBACK, an implicit commit (DDL, BEGIN, SET autocommit=1) or
 * the end of the connection, which rolls it back.
 *
 * <p>Every statement is atomic: its changes are undone when it fails. A lock wait timeout (1205)
 * undoes the statement only; a deadlock (1213) has rolled back the whole transaction.
 */
final class SessionTransaction {
  private final SqlSession session;
  private Transaction trx;
  private boolean explicit;

  SessionTransaction(SqlSession session) {
    this.session = session;
  }

  /** The open transaction, begun now if there is none. */
  Transaction current() {
    if (trx == null || !trx.isActive()) {
      TransactionManager manager = session.engine().transactions();
      trx = manager.begin();
      trx.lockWaitTimeout(Duration.ofSeconds(lockWaitTimeoutSeconds()));
    }
    return trx;
  }

  /** SET innodb_lock_wait_timeout applies to the transaction in progress too. */
  void applyLockWaitTimeout() {
    if (trx != null && trx.isActive()) {
      trx.lockWaitTimeout(Duration.ofSeconds(lockWaitTimeoutSeconds()));
    }
  }

  private long lockWaitTimeoutSeconds() {
    Object v = session.variables().get("innodb_lock_wait_timeout");
    return v instanceof Number n ? n.longValue() : 50;
  }

  /** True between BEGIN (or the first statement with autocommit off) and its end. */
  boolean open() {
    return explicit || (trx != null && trx.isActive());
  }

  /** BEGIN / START TRANSACTION: commits the transaction in progress, then starts one. */
  void begin() {
    commit();
    explicit = true;
  }

  void commit() {
    explicit = false;
    Transaction t = trx;
    trx = null;
    if (t != null && t.isActive()) {
      t.commit();
    }
  }

  void rollback() {
    explicit = false;
    Transaction t = trx;
    trx = null;
    if (t != null) {
      t.rollback();
    }
  }

  void savepoint(String name) {
    current().savepoint(name);
    explicitIfNoAutocommit();
  }

  void rollbackToSavepoint(String name) {
    try {
      current().rollbackToSavepoint(name);
    } catch (NoSuchSavepointException e) {
      throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "SAVEPOINT", name);
    }
  }

  void releaseSavepoint(String name) {
    try {
      current().releaseSavepoint(name);
    } catch (NoSuchSavepointException e) {
      throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "SAVEPOINT", name);
    }
  }

  private void explicitIfNoAutocommit() {
    if (session.autocommit() && !explicit) {
      // A savepoint outside a transaction with autocommit on has nothing to protect.
      commit();
    }
  }

  /**
   * Runs one statement over tables atomically, committing afterwards when autocommit applies.
   * Storage errors become MySQL errors.
   */
  <T> T statement(Supplier<T> body) {
    Transaction t = current();
    t.statementBegin();
    T result;
    try {
      result = body.get();
    } catch (DeadlockException e) {
      rollback();
      throw new MysqlException(ErrorCode.ER_LOCK_DEADLOCK);
    } catch (LockWaitTimeoutException e) {
      // The storage has undone the statement already; the transaction stays open.
      endIfAutocommit(false);
      throw new MysqlException(ErrorCode.ER_LOCK_WAIT_TIMEOUT);
    } catch (RuntimeException e) {
      if (t.isActive()) {
        t.statementRollback();
      }
      endIfAutocommit(false);
      throw StorageErrors.unexpected(e);
    }
    t.statementEnd();
    endIfAutocommit(true);
    return result;
  }

  private void endIfAutocommit(boolean success) {
    if (!explicit && session.autocommit()) {
      if (success) {
        commit();
      } else {
        rollback();
      }
    }
  }

  /** The connection closed: whatever was not committed is rolled back. */
  void close() {
    rollback();
  }
}
