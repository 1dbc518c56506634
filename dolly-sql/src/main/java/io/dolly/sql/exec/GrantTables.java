package io.dolly.sql.exec;

import io.dolly.sql.account.Privileges;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.TableOption;
import io.dolly.sql.parse.Parser;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.SchemaDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions of MySQL 8.0's grant tables as Dolly keeps them in {@code mysql.ibd}: {@code
 * mysql.user}, {@code mysql.global_grants}, {@code mysql.db} and {@code mysql.tables_priv}, with
 * MySQL's column names and order. Left out are the columns of features Dolly does not have
 * (resource limits are kept but never enforced; password history, column grants and procs_priv are
 * absent). Created at the first start over storage, and on an older data directory that has none
 * yet.
 */
final class GrantTables {
  /** mysql.user's privilege columns, in table order, with the privilege each holds. */
  static final Map<String, String> USER_PRIVILEGE_COLUMNS =
      columns(
          "Select_priv", "SELECT",
          "Insert_priv", "INSERT",
          "Update_priv", "UPDATE",
          "Delete_priv", "DELETE",
          "Create_priv", "CREATE",
          "Drop_priv", "DROP",
          "Reload_priv", "RELOAD",
          "Shutdown_priv", "SHUTDOWN",
          "Process_priv", "PROCESS",
          "File_priv", "FILE",
          "Grant_priv", Privileges.GRANT_OPTION,
          "References_priv", "REFERENCES",
          "Index_priv", "INDEX",
          "Alter_priv", "ALTER",
          "Show_db_priv", "SHOW DATABASES",
          "Super_priv", "SUPER",
          "Create_tmp_table_priv", "CREATE TEMPORARY TABLES",
          "Lock_tables_priv", "LOCK TABLES",
          "Execute_priv", "EXECUTE",
          "Repl_slave_priv", "REPLICATION SLAVE",
          "Repl_client_priv", "REPLICATION CLIENT",
          "Create_view_priv", "CREATE VIEW",
          "Show_view_priv", "SHOW VIEW",
          "Create_routine_priv", "CREATE ROUTINE",
          "Alter_routine_priv", "ALTER ROUTINE",
          "Create_user_priv", "CREATE USER",
          "Event_priv", "EVENT",
          "Trigger_priv", "TRIGGER",
          "Create_tablespace_priv", "CREATE TABLESPACE");

  /** The two privilege columns MySQL 8.0 appended after account_locked. */
  static final Map<String, String> USER_ROLE_COLUMNS =
      columns("Create_role_priv", "CREATE ROLE", "Drop_role_priv", "DROP ROLE");

  /** mysql.db's privilege columns, in table order. */
  static final Map<String, String> DB_PRIVILEGE_COLUMNS =
      columns(
          "Select_priv", "SELECT",
          "Insert_priv", "INSERT",
          "Update_priv", "UPDATE",
          "Delete_priv", "DELETE",
          "Create_priv", "CREATE",
          "Drop_priv", "DROP",
          "Grant_priv", Privileges.GRANT_OPTION,
          "References_priv", "REFERENCES",
          "Index_priv", "INDEX",
          "Alter_priv", "ALTER",
          "Create_tmp_table_priv", "CREATE TEMPORARY TABLES",
          "Lock_tables_priv", "LOCK TABLES",
          "Create_view_priv", "CREATE VIEW",
          "Show_view_priv", "SHOW VIEW",
          "Create_routine_priv", "CREATE ROUTINE",
          "Alter_routine_priv", "ALTER ROUTINE",
          "Execute_priv", "EXECUTE",
          "Event_priv", "EVENT",
          "Trigger_priv", "TRIGGER");

  /** tables_priv.Table_priv's SET members, in declaration order, with their privileges. */
  static final Map<String, String> TABLE_PRIV_MEMBERS =
      columns(
          "Select", "SELECT",
          "Insert", "INSERT",
          "Update", "UPDATE",
          "Delete", "DELETE",
          "Create", "CREATE",
          "Drop", "DROP",
          "Grant", Privileges.GRANT_OPTION,
          "References", "REFERENCES",
          "Index", "INDEX",
          "Alter", "ALTER",
          "Create View", "CREATE VIEW",
          "Show view", "SHOW VIEW",
          "Trigger", "TRIGGER");

  static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin";

  /** Table name to CREATE TABLE text, in creation order. */
  static final Map<String, String> DDL = ddl();

  private GrantTables() {}

  private static Map<String, String> columns(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static String yn(Map<String, String> columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns.keySet()) {
      sb.append("  ").append(c).append(" enum('N','Y') NOT NULL DEFAULT 'N',\n");
    }
    return sb.toString();
  }

  private static Map<String, String> ddl() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "user",
        "CREATE TABLE user (\n"
            + "  Host char(255) NOT NULL DEFAULT '',\n"
            + "  User char(32) NOT NULL DEFAULT '',\n"
            + yn(USER_PRIVILEGE_COLUMNS)
            + "  ssl_type enum('','ANY','X509','SPECIFIED') NOT NULL DEFAULT '',\n"
            + "  ssl_cipher blob,\n"
            + "  x509_issuer blob,\n"
            + "  x509_subject blob,\n"
            + "  max_questions int unsigned NOT NULL DEFAULT 0,\n"
            + "  max_updates int unsigned NOT NULL DEFAULT 0,\n"
            + "  max_connections int unsigned NOT NULL DEFAULT 0,\n"
            + "  max_user_connections int unsigned NOT NULL DEFAULT 0,\n"
            + "  plugin char(64) NOT NULL DEFAULT 'caching_sha2_password',\n"
            + "  authentication_string text,\n"
            + "  password_expired enum('N','Y') NOT NULL DEFAULT 'N',\n"
            + "  password_last_changed timestamp NULL DEFAULT NULL,\n"
            + "  password_lifetime smallint unsigned DEFAULT NULL,\n"
            + "  account_locked enum('N','Y') NOT NULL DEFAULT 'N',\n"
            + yn(USER_ROLE_COLUMNS)
            + "  PRIMARY KEY (Host, User)\n"
            + ")"
            + TABLE_OPTIONS);
    m.put(
        "global_grants",
        "CREATE TABLE global_grants (\n"
            + "  USER char(32) NOT NULL DEFAULT '',\n"
            + "  HOST char(255) NOT NULL DEFAULT '',\n"
            + "  PRIV char(32) NOT NULL DEFAULT '',\n"
            + "  WITH_GRANT_OPTION enum('N','Y') NOT NULL DEFAULT 'N',\n"
            + "  PRIMARY KEY (USER, HOST, PRIV)\n"
            + ")"
            + TABLE_OPTIONS);
    m.put(
        "db",
        "CREATE TABLE db (\n"
            + "  Host char(255) NOT NULL DEFAULT '',\n"
            + "  Db char(64) NOT NULL DEFAULT '',\n"
            + "  User char(32) NOT NULL DEFAULT '',\n"
            + yn(DB_PRIVILEGE_COLUMNS)
            + "  PRIMARY KEY (Host, Db, User),\n"
            + "  KEY User (User)\n"
            + ")"
            + TABLE_OPTIONS);
    m.put(
        "tables_priv",
        "CREATE TABLE tables_priv (\n"
            + "  Host char(255) NOT NULL DEFAULT '',\n"
            + "  Db char(64) NOT NULL DEFAULT '',\n"
            + "  User char(32) NOT NULL DEFAULT '',\n"
            + "  Table_name char(64) NOT NULL DEFAULT '',\n"
            + "  Grantor varchar(288) NOT NULL DEFAULT '',\n"
            + "  Timestamp timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
            + "  Table_priv set("
            + quotedList(TABLE_PRIV_MEMBERS.keySet())
            + ") NOT NULL DEFAULT '',\n"
            + "  Column_priv set('Select','Insert','Update','References') NOT NULL DEFAULT '',\n"
            + "  PRIMARY KEY (Host, Db, User, Table_name),\n"
            + "  KEY Grantor (Grantor)\n"
            + ")"
            + TABLE_OPTIONS);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static String quotedList(java.util.Collection<String> values) {
    List<String> q = new ArrayList<>();
    for (String v : values) {
      q.add("'" + v + "'");
    }
    return String.join(",", q);
  }

  /**
   * Creates the grant tables that do not exist yet, in mysql.ibd.
   *
   * @param bootstrap a session without an account, whose settings build the definitions
   */
  static void createMissing(SqlSession bootstrap, Dictionary dictionary) {
    SchemaDefinition mysql = dictionary.schema(Dictionary.SYSTEM_SCHEMA).orElseThrow();
    for (Map.Entry<String, String> e : DDL.entrySet()) {
      if (dictionary.table(Dictionary.SYSTEM_SCHEMA, e.getKey()).isPresent()) {
        continue;
      }
      Ddl.CreateTable c = (Ddl.CreateTable) new Parser(e.getValue()).next();
      TableBuilder b = new TableBuilder(bootstrap, Dictionary.SYSTEM_SCHEMA, e.getKey());
      b.option(new TableOption("DEFAULT CHARSET", mysql.charset(), false));
      b.option(new TableOption("COLLATE", mysql.collation(), false));
      for (TableOption o : c.options()) {
        b.option(o);
      }
      for (var col : c.columns()) {
        b.addColumn(col, -1);
      }
      for (var index : c.indexes()) {
        b.addIndex(index);
      }
      dictionary.createSystemTable(b.build());
    }
  }
}
