package io.dolly.sql.account;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The privilege names MySQL 8.0 knows, in the order SHOW GRANTS prints them. */
public final class Privileges {
  /** Static privileges, in MySQL's {@code SHOW GRANTS} order. */
  public static final List<String> STATIC =
      List.of(
          "SELECT",
          "INSERT",
          "UPDATE",
          "DELETE",
          "CREATE",
          "DROP",
          "RELOAD",
          "SHUTDOWN",
          "PROCESS",
          "FILE",
          "REFERENCES",
          "INDEX",
          "ALTER",
          "SHOW DATABASES",
          "SUPER",
          "CREATE TEMPORARY TABLES",
          "LOCK TABLES",
          "EXECUTE",
          "REPLICATION SLAVE",
          "REPLICATION CLIENT",
          "CREATE VIEW",
          "SHOW VIEW",
          "CREATE ROUTINE",
          "ALTER ROUTINE",
          "CREATE USER",
          "EVENT",
          "TRIGGER",
          "CREATE TABLESPACE",
          "CREATE ROLE",
          "DROP ROLE");

  /** Dynamic privileges (global only, kept in {@code mysql.global_grants}). */
  public static final List<String> DYNAMIC =
      List.of(
          "APPLICATION_PASSWORD_ADMIN",
          "AUDIT_ADMIN",
          "BACKUP_ADMIN",
          "BINLOG_ADMIN",
          "BINLOG_ENCRYPTION_ADMIN",
          "CLONE_ADMIN",
          "CONNECTION_ADMIN",
          "ENCRYPTION_KEY_ADMIN",
          "FLUSH_OPTIMIZER_COSTS",
          "FLUSH_STATUS",
          "FLUSH_TABLES",
          "FLUSH_USER_RESOURCES",
          "GROUP_REPLICATION_ADMIN",
          "INNODB_REDO_LOG_ARCHIVE",
          "INNODB_REDO_LOG_ENABLE",
          "PERSIST_RO_VARIABLES_ADMIN",
          "REPLICATION_APPLIER",
          "REPLICATION_SLAVE_ADMIN",
          "RESOURCE_GROUP_ADMIN",
          "RESOURCE_GROUP_USER",
          "ROLE_ADMIN",
          "SERVICE_CONNECTION_ADMIN",
          "SESSION_VARIABLES_ADMIN",
          "SET_USER_ID",
          "SHOW_ROUTINE",
          "SYSTEM_USER",
          "SYSTEM_VARIABLES_ADMIN",
          "TABLE_ENCRYPTION_ADMIN",
          "XA_RECOVER_ADMIN");

  public static final String GRANT_OPTION = "GRANT OPTION";

  /** What may be granted ON db.* (besides GRANT OPTION), in SHOW GRANTS order. */
  public static final List<String> DATABASE_LEVEL =
      List.of(
          "SELECT",
          "INSERT",
          "UPDATE",
          "DELETE",
          "CREATE",
          "DROP",
          "REFERENCES",
          "INDEX",
          "ALTER",
          "CREATE TEMPORARY TABLES",
          "LOCK TABLES",
          "EXECUTE",
          "CREATE VIEW",
          "SHOW VIEW",
          "CREATE ROUTINE",
          "ALTER ROUTINE",
          "EVENT",
          "TRIGGER");

  /** What may be granted ON db.t (besides GRANT OPTION), in SHOW GRANTS order. */
  public static final List<String> TABLE_LEVEL =
      List.of(
          "SELECT",
          "INSERT",
          "UPDATE",
          "DELETE",
          "CREATE",
          "DROP",
          "REFERENCES",
          "INDEX",
          "ALTER",
          "CREATE VIEW",
          "SHOW VIEW",
          "TRIGGER");

  public static boolean isDatabaseLevel(String privilege) {
    return DATABASE_LEVEL.contains(privilege);
  }

  public static boolean isTableLevel(String privilege) {
    return TABLE_LEVEL.contains(privilege);
  }

  /** Everything: what {@code GRANT ALL ... WITH GRANT OPTION} and the initial root get. */
  public static Set<String> all() {
    Set<String> all = new LinkedHashSet<>(STATIC);
    all.addAll(DYNAMIC);
    all.add(GRANT_OPTION);
    return all;
  }

  private Privileges() {}
}
