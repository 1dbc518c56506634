package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.account.Grants;
import io.dolly.sql.account.HostPattern;

/**
 * The privilege checks of one session, over its account's grants at the time of each check (a GRANT
 * or REVOKE applies to running sessions at their next statement, as in MySQL for table and database
 * privileges). A session without an account (the server's own, embedded use, tests) is never
 * denied.
 */
final class SessionPrivileges {
  private final SqlSession session;

  SessionPrivileges(SqlSession session) {
    this.session = session;
  }

  private Account account() {
    return session.info().account();
  }

  /** The account's grants; null for a session without an account. */
  Grants grants() {
    Account a = account();
    return a == null ? null : session.engine().accounts().grants(a.user(), a.host());
  }

  /** True when the account holds the global (or dynamic) privilege. */
  boolean global(String privilege) {
    Grants g = grants();
    return g != null && g.global().contains(privilege);
  }

  /** True when the privilege is held on the table (globally, on its database, or on it). */
  boolean onTable(String privilege, String db, String table) {
    Grants g = grants();
    return g == null || g.allows(privilege, db, table);
  }

  /**
   * 1142 unless the session may run {@code privilege} (SELECT, INSERT, ...) on {@code db.table}.
   */
  void requireTable(String privilege, String db, String table) {
    if (!onTable(privilege, db, table)) {
      throw new MysqlException(
          ErrorCode.ER_TABLEACCESS_DENIED_ERROR, privilege, user(), host(), table);
    }
  }

  /** 1044 unless the session holds {@code privilege} for the database (CREATE, DROP, ALTER). */
  void requireDatabase(String privilege, String db) {
    Grants g = grants();
    if (g != null && !g.allowsOnDatabase(privilege, db)) {
      throw deniedDatabase(db);
    }
  }

  /** 1044 unless anything is granted on the database or its tables (USE, COM_INIT_DB). */
  void requireAccess(String db) {
    Account a = account();
    if (a != null && !session.engine().accounts().mayUse(a, db)) {
      throw deniedDatabase(db);
    }
  }

  MysqlException deniedDatabase(String db) {
    return new MysqlException(ErrorCode.ER_DBACCESS_DENIED_ERROR, user(), host(), db);
  }

  /** SHOW DATABASES and information_schema list a database only when this is true. */
  boolean seesDatabase(String db) {
    if (db.equalsIgnoreCase("information_schema")) {
      return true;
    }
    Grants g = grants();
    return g == null || g.global().contains("SHOW DATABASES") || g.seesDatabase(db);
  }

  /** SHOW TABLES and information_schema list a table only when this is true. */
  boolean seesTable(String db, String table) {
    Grants g = grants();
    return g == null || db.equalsIgnoreCase("information_schema") || g.seesTable(db, table);
  }

  /** 1227 unless the session holds one of the global privileges. */
  void requireAny(String... privileges) {
    for (String p : privileges) {
      if (global(p)) {
        return;
      }
    }
    throw new MysqlException(
        ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR, String.join(" or ", privileges));
  }

  private String user() {
    return session.info().user();
  }

  private String host() {
    return HostPattern.displayHost(session.info().clientHost());
  }
}
