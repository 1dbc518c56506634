package io.dolly.server;

import io.dolly.sql.sysvar.SystemVariables;
import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.StorageException;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.redo.FlushPolicy;
import io.dolly.storage.txn.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the storage engine of the data directory with the {@code innodb_*} settings: initializes a
 * new directory, or runs crash recovery (redo replay, then rollback of transactions that never
 * committed) on an existing one, then opens the data dictionary, before the server accepts
 * connections.
 */
final class StorageStartup {
  private static final Logger log = LoggerFactory.getLogger("Storage");

  /** The open engine, its transaction system and data dictionary; closed together at shutdown. */
  record Storage(StorageEngine engine, TransactionManager transactions, Dictionary dictionary)
      implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  private StorageStartup() {}

  static Storage open(Path datadir, SystemVariables variables) {
    StorageConfig config =
        StorageConfig.defaults()
            .withPageSize(intValue(variables.global("innodb_page_size")))
            .withBufferPoolSize(longValue(variables.global("innodb_buffer_pool_size")))
            .withRedoLogCapacity(longValue(variables.global("innodb_redo_log_capacity")))
            .withFlushPolicy(
                FlushPolicy.of(intValue(variables.global("innodb_flush_log_at_trx_commit"))));
    StorageEngine engine;
    try {
      engine = StorageEngine.open(datadir, config);
    } catch (StorageException e) {
      throw new StartupException("cannot open the storage engine: " + e.getMessage(), e);
    }
    try {
      TransactionManager transactions = TransactionManager.open(engine);
      transactions.lockWaitTimeout(
          Duration.ofSeconds(longValue(variables.global("innodb_lock_wait_timeout"))));
      var recovery = engine.recovery();
      var recovered = transactions.recovered();
      if (recovery.groupsApplied() > 0 || !recovered.rolledBack().isEmpty()) {
        log.info(
            "recovery: {} redo groups applied from LSN {} to {}, {} pages repaired, {} incomplete"
                + " transactions rolled back",
            recovery.groupsApplied(),
            recovery.checkpointLsn(),
            recovery.endLsn(),
            recovery.pagesRepaired(),
            recovered.rolledBack().size());
      }
      // The dictionary reads its tables through transactions, so it opens after recovery.
      Dictionary dictionary = Dictionary.open(engine, transactions);
      // An existing data directory keeps the page size it was initialized with.
      variables.setStartupValue("innodb_page_size", (long) engine.pageSize());
      return new Storage(engine, transactions, dictionary);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static int intValue(Object v) {
    return (int) longValue(v);
  }

  private static long longValue(Object v) {
    return ((Number) v).longValue();
  }
}
