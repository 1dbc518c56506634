package io.dolly.sql.exec;

import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.Statement;
import java.util.Locale;

/** The {@code Com_<name>} counter of each statement, and its name in 1235 messages. */
final class CommandNames {
  private CommandNames() {}

  static String of(Statement s) {
    return switch (s) {
      case Query q -> "select";
      case Statement.Insert i ->
          i.replace() ? "replace" : i.select() != null ? "insert_select" : "insert";
      case Statement.Update u -> "update";
      case Statement.Delete d -> "delete";
      case Statement.Explain e -> "explain_other";
      case Ddl d -> ddl(d);
      case Admin a -> admin(a);
    };
  }

  private static String ddl(Ddl d) {
    return switch (d) {
      case Ddl.CreateDatabase c -> "create_db";
      case Ddl.DropDatabase c -> "drop_db";
      case Ddl.AlterDatabase c -> "alter_db";
      case Ddl.CreateTable c -> "create_table";
      case Ddl.CreateIndex c -> "create_index";
      case Ddl.DropIndex c -> "drop_index";
      case Ddl.AlterTable c -> "alter_table";
      case Ddl.DropTable c -> "drop_table";
      case Ddl.TruncateTable c -> "truncate";
      case Ddl.RenameTable c -> "rename_table";
      case Ddl.Maintenance m -> m.operation().toLowerCase(Locale.ROOT);
    };
  }

  private static String admin(Admin a) {
    return switch (a) {
      case Admin.Use u -> "change_db";
      case Admin.Show s ->
          switch (s.kind()) {
            case DATABASES -> "show_databases";
            case TABLES -> "show_tables";
            case COLUMNS -> "show_fields";
            case INDEX -> "show_keys";
            case CREATE_TABLE -> "show_create_table";
            case CREATE_DATABASE -> "show_create_db";
            case CREATE_USER -> "show_create_user";
            case TABLE_STATUS -> "show_table_status";
            case PROCESSLIST -> "show_processlist";
            case PLUGINS -> "show_plugins";
            case ENGINES -> "show_storage_engines";
            case VARIABLES -> "show_variables";
            case STATUS -> "show_status";
            case WARNINGS, COUNT_WARNINGS -> "show_warnings";
            case ERRORS, COUNT_ERRORS -> "show_errors";
            case GRANTS -> "show_grants";
            case CHARACTER_SET -> "show_charsets";
            case COLLATION -> "show_collations";
            case MASTER_STATUS, BINARY_LOGS -> "show_engine_status";
            case TRIGGERS -> "show_triggers";
            case EVENTS -> "show_events";
            case FUNCTION_STATUS -> "show_function_status";
            case PROCEDURE_STATUS -> "show_procedure_status";
          };
      case Admin.Set s -> "set_option";
      case Admin.SetTransaction s -> "set_option";
      case Admin.SetPassword s -> "set_password";
      case Admin.StartTransaction s -> "begin";
      case Admin.Commit c -> "commit";
      case Admin.Rollback r -> r.savepoint() == null ? "rollback" : "rollback_to_savepoint";
      case Admin.Savepoint s -> "savepoint";
      case Admin.ReleaseSavepoint s -> "release_savepoint";
      case Admin.LockTables l -> "lock_tables";
      case Admin.UnlockTables u -> "unlock_tables";
      case Admin.LockInstance l -> "lock_instance";
      case Admin.UnlockInstance u -> "unlock_instance";
      case Admin.Flush f -> "flush";
      case Admin.CreateUser c -> "create_user";
      case Admin.AlterUser c -> "alter_user";
      case Admin.DropUser c -> "drop_user";
      case Admin.RenameUser c -> "rename_user";
      case Admin.Grant g -> "grant";
      case Admin.Revoke r -> "revoke";
      case Admin.InstallPlugin p -> "install_plugin";
      case Admin.UninstallPlugin p -> "uninstall_plugin";
      case Admin.Kill k -> "kill";
      case Admin.Shutdown s -> "shutdown";
      case Admin.Prepare p -> "prepare_sql";
      case Admin.Execute e -> "execute_sql";
      case Admin.Deallocate d -> "dealloc_sql";
      case Admin.ResetPersist r -> "reset";
      case Admin.CloneLocal c -> "clone";
      case Admin.CloneInstance c -> "clone";
    };
  }

  /** Words for the 1235 message: {@code CREATE TABLE}, {@code ALTER TABLE}, ... */
  static String describe(Statement s) {
    return switch (of(s)) {
      case "create_db" -> "CREATE DATABASE";
      case "drop_db" -> "DROP DATABASE";
      case "alter_db" -> "ALTER DATABASE";
      case "explain_other" -> "EXPLAIN";
      case "clone" -> "CLONE";
      default -> of(s).toUpperCase(Locale.ROOT).replace('_', ' ');
    };
  }
}
