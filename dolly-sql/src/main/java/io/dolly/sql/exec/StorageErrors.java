package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.StorageException;
import io.dolly.storage.StorageFullException;
import io.dolly.storage.btree.KeyTooLongException;
import io.dolly.storage.catalog.DuplicateKeyException;
import io.dolly.storage.catalog.NoSuchSchemaException;
import io.dolly.storage.catalog.NoSuchTableException;
import io.dolly.storage.catalog.SchemaExistsException;
import io.dolly.storage.catalog.SystemTableException;
import io.dolly.storage.catalog.TableExistsException;
import io.dolly.storage.txn.DeadlockException;
import io.dolly.storage.txn.LockWaitTimeoutException;

/** The MySQL error a storage failure is reported as. */
final class StorageErrors {
  private StorageErrors() {}

  static MysqlException toMysql(StorageException e) {
    return switch (e) {
      case DeadlockException d -> new MysqlException(ErrorCode.ER_LOCK_DEADLOCK);
      case LockWaitTimeoutException t -> new MysqlException(ErrorCode.ER_LOCK_WAIT_TIMEOUT);
      // InnoDB's DB_OUT_OF_FILE_SPACE: the statement is undone, the transaction stays open.
      case StorageFullException f -> new MysqlException(ErrorCode.ER_RECORD_FILE_FULL, f.table());
      case NoSuchSchemaException s -> new MysqlException(ErrorCode.ER_BAD_DB_ERROR, e.getMessage());
      case SystemTableException t ->
          new MysqlException(
              ErrorCode.ER_NO_SYSTEM_TABLE_ACCESS, "system table", t.schema(), t.table());
      case NoSuchTableException t ->
          new MysqlException(ErrorCode.ER_NO_SUCH_TABLE, t.schema(), t.table());
      // Created by another session between this statement's own check and its create.
      case SchemaExistsException x -> new MysqlException(ErrorCode.ER_DB_CREATE_EXISTS, x.schema());
      case TableExistsException x -> new MysqlException(ErrorCode.ER_TABLE_EXISTS_ERROR, x.table());
      default -> new MysqlException(ErrorCode.ER_INTERNAL_ERROR, e.getMessage());
    };
  }

  /**
   * Any other failure of a statement over tables, so that the connection survives it: a key longer
   * than a B-tree entry allows is MySQL's 1071, the rest an internal error naming the cause.
   */
  static MysqlException unexpected(RuntimeException e) {
    if (e instanceof MysqlException m) {
      return m;
    }
    if (e instanceof StorageException se) {
      return toMysql(se);
    }
    if (e instanceof KeyTooLongException k) {
      return new MysqlException(ErrorCode.ER_TOO_LONG_KEY, k.maxLength());
    }
    return new MysqlException(e, ErrorCode.ER_INTERNAL_ERROR, String.valueOf(e.getMessage()));
  }

  /** 1062 as MySQL 8 words it: the key is named {@code table.index}. */
  static MysqlException duplicate(String table, DuplicateKeyException e) {
    return new MysqlException(ErrorCode.ER_DUP_ENTRY, e.keyText(), table + "." + e.indexName());
  }
}
