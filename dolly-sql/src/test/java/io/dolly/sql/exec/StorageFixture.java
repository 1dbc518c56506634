package io.dolly.sql.exec;

import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL engine with a real storage engine, transactions and dictionary in a temporary directory.
 */
final class StorageFixture implements AutoCloseable {
  final SessionFixture sql;
  final StorageEngine storage;
  final TransactionManager transactions;
  final Dictionary dictionary;
  private long nextSession = 1;

  StorageFixture(Path dir) throws IOException {
    this(dir, ChannelFileSystem.INSTANCE);
  }

  /** Over {@code files}, e.g. a fault-injecting one that runs out of space. */
  StorageFixture(Path dir, StorageFileSystem files) throws IOException {
    sql = new SessionFixture(dir.resolve("accounts"));
    storage =
        StorageEngine.open(
            dir.resolve("data"),
            StorageConfig.defaults()
                .withBufferPoolSize(8 << 20)
                .withRedoLogCapacity(16 << 20)
                .withRedoBufferSize(1 << 20)
                .withFileSystem(files));
    transactions = TransactionManager.open(storage);
    dictionary = Dictionary.open(storage, transactions);
    sql.engine.attachStorage(storage, transactions, dictionary);
  }

  SqlSession session() {
    return sql.root(nextSession++);
  }

  /** A session with database {@code db} created (when new) and selected. */
  SqlSession sessionIn(String db) {
    SqlSession s = session();
    SessionFixture.run(s, "CREATE DATABASE IF NOT EXISTS " + db);
    SessionFixture.run(s, "USE " + db);
    return s;
  }

  /** The rows of the last result, each as its cells' text joined by '|'. */
  static List<String> rows(SqlSession s, String query) {
    List<String> out = new ArrayList<>();
    ResultSet rs = SessionFixture.query(s, query);
    for (Row r : rs.rows()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.string(i));
      }
      out.add(String.join("|", cells));
    }
    return out;
  }

  static UpdateResult update(SqlSession s, String sql) {
    return (UpdateResult) SessionFixture.run(s, sql).getLast();
  }

  static MysqlException error(SqlSession s, String sql) {
    try {
      SessionFixture.run(s, sql);
    } catch (MysqlException e) {
      return e;
    }
    throw new AssertionError("no error from " + sql);
  }

  @Override
  public void close() {
    storage.close();
  }
}
