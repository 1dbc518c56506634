package io.dolly.sql.ast;

import java.util.List;

/** Session, account, server and CLONE statements. */
public sealed interface Admin extends Statement {

  record Use(String database) implements Admin {}

  /**
   * Every SHOW form.
   *
   * @param table the table of COLUMNS/INDEX/CREATE TABLE, or null
   * @param name the database of CREATE DATABASE, or null
   * @param from the FROM/IN database, or null
   * @param user the FOR user of SHOW GRANTS, or null
   */
  record Show(
      ShowKind kind,
      boolean full,
      VarScope scope,
      TableName table,
      String name,
      String from,
      UserSpec user,
      String like,
      Expression where)
      implements Admin {}

  enum ShowKind {
    DATABASES,
    TABLES,
    COLUMNS,
    INDEX,
    CREATE_TABLE,
    CREATE_DATABASE,
    CREATE_USER,
    TABLE_STATUS,
    PROCESSLIST,
    PLUGINS,
    ENGINES,
    VARIABLES,
    STATUS,
    WARNINGS,
    ERRORS,
    COUNT_WARNINGS,
    COUNT_ERRORS,
    GRANTS,
    CHARACTER_SET,
    COLLATION,
    MASTER_STATUS,
    BINARY_LOGS,
    TRIGGERS,
    EVENTS,
    FUNCTION_STATUS,
    PROCEDURE_STATUS
  }

  /** SET with a list of assignments. */
  record Set(List<SetItem> items) implements Admin {
    public Set {
      items = List.copyOf(items);
    }
  }

  /** One item of SET. */
  sealed interface SetItem {}

  /** {@code @user = v} (scope null) or a system variable. */
  record SetVariable(boolean user, VarScope scope, String name, Expression value)
      implements SetItem {}

  /** SET NAMES charset [COLLATE c]; charset null for DEFAULT. */
  record SetNames(String charset, String collation) implements SetItem {}

  /** SET CHARACTER SET charset; null for DEFAULT. */
  record SetCharset(String charset) implements SetItem {}

  /** SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL x / READ ONLY / READ WRITE. */
  record SetTransaction(VarScope scope, String isolationLevel, Boolean readOnly) implements Admin {}

  record SetPassword(UserSpec user, String password) implements Admin {}

  record StartTransaction(boolean consistentSnapshot, Boolean readOnly) implements Admin {}

  record Commit() implements Admin {}

  /** ROLLBACK [TO [SAVEPOINT] name]. */
  record Rollback(String savepoint) implements Admin {}

  record Savepoint(String name) implements Admin {}

  record ReleaseSavepoint(String name) implements Admin {}

  record LockTables(List<TableLock> tables) implements Admin {
    public LockTables {
      tables = List.copyOf(tables);
    }
  }

  /** mode READ, READ LOCAL, WRITE or LOW_PRIORITY WRITE. */
  record TableLock(TableName table, String alias, String mode) {}

  record UnlockTables() implements Admin {}

  record LockInstance() implements Admin {}

  record UnlockInstance() implements Admin {}

  /**
   * FLUSH options; {@code tables} for FLUSH TABLES t1, t2; readLock for WITH READ LOCK.
   *
   * @param options upper-case, e.g. PRIVILEGES, TABLES, LOGS, STATUS
   */
  record Flush(List<String> options, List<TableName> tables, boolean readLock) implements Admin {
    public Flush {
      options = List.copyOf(options);
      tables = List.copyOf(tables);
    }
  }

  /** An account with the authentication given for it. plugin/password may be null. */
  record UserAuth(UserSpec user, String plugin, String password) {}

  /**
   * Account options shared by CREATE and ALTER USER: null fields were not written.
   *
   * @param requireSsl TRUE for REQUIRE SSL, FALSE for REQUIRE NONE
   * @param locked TRUE for ACCOUNT LOCK, FALSE for ACCOUNT UNLOCK
   */
  record AccountOptions(Boolean requireSsl, boolean passwordExpire, Boolean locked) {}

  record CreateUser(boolean ifNotExists, List<UserAuth> users, AccountOptions options)
      implements Admin {
    public CreateUser {
      users = List.copyOf(users);
    }
  }

  record AlterUser(boolean ifExists, List<UserAuth> users, AccountOptions options)
      implements Admin {
    public AlterUser {
      users = List.copyOf(users);
    }
  }

  record DropUser(boolean ifExists, List<UserSpec> users) implements Admin {
    public DropUser {
      users = List.copyOf(users);
    }
  }

  record RenameUser(List<UserSpec> from, List<UserSpec> to) implements Admin {
    public RenameUser {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }
  }

  /** A privilege with its optional column list, name upper-case ({@code ALL} for ALL). */
  record Privilege(String name, List<String> columns) {
    public Privilege {
      columns = List.copyOf(columns);
    }
  }

  /** ON *.* (both null... database "*"), db.*, db.tbl or tbl; "*" spells the wildcard. */
  record GrantLevel(String database, String table) {}

  record Grant(
      List<Privilege> privileges, GrantLevel level, List<UserSpec> users, boolean withGrantOption)
      implements Admin {
    public Grant {
      privileges = List.copyOf(privileges);
      users = List.copyOf(users);
    }
  }

  record Revoke(List<Privilege> privileges, GrantLevel level, List<UserSpec> users)
      implements Admin {
    public Revoke {
      privileges = List.copyOf(privileges);
      users = List.copyOf(users);
    }
  }

  record InstallPlugin(String name, String soname) implements Admin {}

  record UninstallPlugin(String name) implements Admin {}

  record Kill(boolean queryOnly, Expression id) implements Admin {}

  record Shutdown() implements Admin {}

  /** PREPARE name FROM 'text' or FROM @var. */
  record Prepare(String name, Expression source) implements Admin {}

  record Execute(String name, List<String> using) implements Admin {
    public Execute {
      using = List.copyOf(using);
    }
  }

  record Deallocate(String name) implements Admin {}

  /** RESET PERSIST [[IF EXISTS] name]. */
  record ResetPersist(boolean ifExists, String name) implements Admin {}

  record CloneLocal(String directory) implements Admin {}

  /**
   * CLONE INSTANCE FROM user@host:port IDENTIFIED BY password [DATA DIRECTORY [=] dir] [REQUIRE
   * [NO] SSL].
   *
   * @param requireSsl TRUE for REQUIRE SSL, FALSE for REQUIRE NO SSL, null when not written
   */
  record CloneInstance(
      String user, String host, int port, String password, String directory, Boolean requireSsl)
      implements Admin {
    @Override
    public String toString() {
      // Keeps the password out of logs.
      return "CloneInstance[" + user + "@" + host + ":" + port + ", dir=" + directory + "]";
    }
  }
}
