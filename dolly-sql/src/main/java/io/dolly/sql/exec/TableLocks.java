package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Table-level locks, one registry per server: the locks of LOCK TABLES and the metadata locks that
 * keep DDL away from tables in use.
 *
 * <p>LOCK TABLES: a session holds READ (shared) or WRITE (exclusive) locks on a set of tables until
 * UNLOCK TABLES, START TRANSACTION, another LOCK TABLES or its end. While it holds them it may use
 * only those tables (1100) and write only those it locked for WRITE (1099). Other sessions wait (up
 * to lock_wait_timeout, then 1205) to read a table locked for WRITE and to write a table locked at
 * all.
 *
 * <p>Metadata locks, as MySQL's: every table a statement uses stays in use by its session until the
 * session's transaction ends. DDL on a table (ALTER, TRUNCATE, DROP, RENAME, CREATE/DROP INDEX,
 * OPTIMIZE, ...) takes it exclusively: it waits until no other session uses it or has it under LOCK
 * TABLES, and statements of other sessions wait for the DDL to finish. Without this a statement
 * could run against the table a concurrent DDL is replacing.
 *
 * <p>Tables are named by {@code schema.table} in lower case (their dictionary names). A lock is
 * granted for the whole list at once or not at all, so two LOCK TABLES never hold parts of each
 * other's lists.
 */
final class TableLocks {
  private final ReentrantLock mutex = new ReentrantLock();
  private final Condition released = mutex.newCondition();

  /** Per session: table key to true for WRITE, false for READ. */
  private final Map<SqlSession, Map<String, Boolean>> held = new HashMap<>();

  /** Per session: the tables its open transaction (or running statement) has used. */
  private final Map<SqlSession, Set<String>> used = new HashMap<>();

  /** Table key to the session whose DDL holds it exclusively. */
  private final Map<String, SqlSession> exclusive = new HashMap<>();

  static String key(String schema, String table) {
    return (schema + "." + table).toLowerCase(java.util.Locale.ROOT);
  }

  /** Replaces the session's locks by {@code tables}, waiting for other sessions' locks. */
  void lock(SqlSession owner, Map<String, Boolean> tables, long timeoutSeconds) {
    mutex.lock();
    try {
      held.remove(owner);
      released.signalAll();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (!tables.entrySet().stream()
          .allMatch(
              e -> grantable(owner, e.getKey(), e.getValue()) && !ddlByOther(owner, e.getKey()))) {
        awaitUntil(deadline);
      }
      held.put(owner, Map.copyOf(tables));
    } finally {
      mutex.unlock();
    }
  }

  /** Drops the session's locks; true when it held any. */
  boolean release(SqlSession owner) {
    mutex.lock();
    try {
      boolean had = held.remove(owner) != null;
      released.signalAll();
      return had;
    } finally {
      mutex.unlock();
    }
  }

  boolean holdsAny(SqlSession owner) {
    mutex.lock();
    try {
      return held.containsKey(owner);
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Checks that {@code owner} may use the table now: against its own LOCK TABLES list (1100, 1099)
   * or, when it holds none, by waiting for other sessions' conflicting locks.
   */
  void access(SqlSession owner, String schema, String table, boolean write, long timeoutSeconds) {
    String key = key(schema, table);
    mutex.lock();
    try {
      Map<String, Boolean> own = held.get(owner);
      if (own != null) {
        Boolean mode = own.get(key);
        if (mode == null) {
          throw new MysqlException(ErrorCode.ER_TABLE_NOT_LOCKED, table);
        }
        if (write && !mode) {
          throw new MysqlException(ErrorCode.ER_TABLE_NOT_LOCKED_FOR_WRITE, table);
        }
      }
      if (!held.isEmpty() || !exclusive.isEmpty()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!grantable(owner, key, write) || ddlByOther(owner, key)) {
          awaitUntil(deadline);
        }
      }
      used.computeIfAbsent(owner, o -> new HashSet<>()).add(key);
    } finally {
      mutex.unlock();
    }
  }

  /** The session's transaction ended: the tables it used are free for DDL. */
  void endTransaction(SqlSession owner) {
    mutex.lock();
    try {
      if (used.remove(owner) != null) {
        released.signalAll();
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Takes {@code keys} for a DDL statement, all at once, waiting for other sessions' transactions
   * and table locks on them; {@link #endDdl} gives them back.
   */
  void beginDdl(SqlSession owner, Collection<String> keys, long timeoutSeconds) {
    mutex.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (!keys.stream().allMatch(k -> ddlGrantable(owner, k))) {
        awaitUntil(deadline);
      }
      for (String k : keys) {
        exclusive.put(k, owner);
      }
    } finally {
      mutex.unlock();
    }
  }

  void endDdl(SqlSession owner) {
    mutex.lock();
    try {
      exclusive.values().removeIf(s -> s == owner);
      released.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  /** The session is gone: every lock it had. */
  void sessionClosed(SqlSession owner) {
    mutex.lock();
    try {
      held.remove(owner);
      used.remove(owner);
      exclusive.values().removeIf(s -> s == owner);
      released.signalAll();
    } finally {
      mutex.unlock();
    }
  }

  private boolean ddlByOther(SqlSession owner, String key) {
    SqlSession s = exclusive.get(key);
    return s != null && s != owner;
  }

  private boolean ddlGrantable(SqlSession owner, String key) {
    if (ddlByOther(owner, key) || !grantable(owner, key, true)) {
      return false;
    }
    for (Map.Entry<SqlSession, Set<String>> e : used.entrySet()) {
      if (e.getKey() != owner && e.getValue().contains(key)) {
        return false;
      }
    }
    return true;
  }

  private boolean grantable(SqlSession owner, String key, boolean write) {
    for (Map.Entry<SqlSession, Map<String, Boolean>> e : held.entrySet()) {
      if (e.getKey() == owner) {
        continue;
      }
      Boolean mode = e.getValue().get(key);
      if (mode != null && (mode || write)) {
        return false;
      }
    }
    return true;
  }

  private void awaitUntil(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new MysqlException(ErrorCode.ER_LOCK_WAIT_TIMEOUT);
    }
    try {
      released.awaitNanos(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
  }
}
