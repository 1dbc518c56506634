package io.dolly.sql.exec;

import io.dolly.sql.ast.Admin;
import java.util.ArrayList;
import java.util.List;

/**
 * Where MySQL lists stored programs: information_schema TRIGGERS, ROUTINES and EVENTS, and SHOW
 * TRIGGERS / FUNCTION STATUS / PROCEDURE STATUS / EVENTS. Dolly has no triggers, routines or events
 * (CREATE TRIGGER, PROCEDURE, FUNCTION and EVENT are not accepted), so every list is empty; the
 * columns are MySQL 8's, so that tools which list them (mariadb-dump --routines --triggers) read an
 * empty list rather than an error.
 */
final class StoredPrograms {
  private static final List<String> TRIGGERS_COLUMNS =
      List.of(
          "TRIGGER_CATALOG",
          "TRIGGER_SCHEMA",
          "TRIGGER_NAME",
          "EVENT_MANIPULATION",
          "EVENT_OBJECT_CATALOG",
          "EVENT_OBJECT_SCHEMA",
          "EVENT_OBJECT_TABLE",
          "ACTION_ORDER",
          "ACTION_CONDITION",
          "ACTION_STATEMENT",
          "ACTION_ORIENTATION",
          "ACTION_TIMING",
          "ACTION_REFERENCE_OLD_TABLE",
          "ACTION_REFERENCE_NEW_TABLE",
          "ACTION_REFERENCE_OLD_ROW",
          "ACTION_REFERENCE_NEW_ROW",
          "CREATED",
          "SQL_MODE",
          "DEFINER",
          "CHARACTER_SET_CLIENT",
          "COLLATION_CONNECTION",
          "DATABASE_COLLATION");

  private static final List<String> ROUTINES_COLUMNS =
      List.of(
          "SPECIFIC_NAME",
          "ROUTINE_CATALOG",
          "ROUTINE_SCHEMA",
          "ROUTINE_NAME",
          "ROUTINE_TYPE",
          "DATA_TYPE",
          "CHARACTER_MAXIMUM_LENGTH",
          "CHARACTER_OCTET_LENGTH",
          "NUMERIC_PRECISION",
          "NUMERIC_SCALE",
          "DATETIME_PRECISION",
          "CHARACTER_SET_NAME",
          "COLLATION_NAME",
          "DTD_IDENTIFIER",
          "ROUTINE_BODY",
          "ROUTINE_DEFINITION",
          "EXTERNAL_NAME",
          "EXTERNAL_LANGUAGE",
          "PARAMETER_STYLE",
          "IS_DETERMINISTIC",
          "SQL_DATA_ACCESS",
          "SQL_PATH",
          "SECURITY_TYPE",
          "CREATED",
          "LAST_ALTERED",
          "SQL_MODE",
          "ROUTINE_COMMENT",
          "DEFINER",
          "CHARACTER_SET_CLIENT",
          "COLLATION_CONNECTION",
          "DATABASE_COLLATION");

  private static final List<String> EVENTS_COLUMNS =
      List.of(
          "EVENT_CATALOG",
          "EVENT_SCHEMA",
          "EVENT_NAME",
          "DEFINER",
          "TIME_ZONE",
          "EVENT_BODY",
          "EVENT_DEFINITION",
          "EVENT_TYPE",
          "EXECUTE_AT",
          "INTERVAL_VALUE",
          "INTERVAL_FIELD",
          "SQL_MODE",
          "STARTS",
          "ENDS",
          "STATUS",
          "ON_COMPLETION",
          "CREATED",
          "LAST_ALTERED",
          "LAST_EXECUTED",
          "EVENT_COMMENT",
          "ORIGINATOR",
          "CHARACTER_SET_CLIENT",
          "COLLATION_CONNECTION",
          "DATABASE_COLLATION");

  /** SHOW TRIGGERS. */
  private static final List<String> SHOW_TRIGGERS =
      List.of(
          "Trigger",
          "Event",
          "Table",
          "Statement",
          "Timing",
          "Created",
          "sql_mode",
          "Definer",
          "character_set_client",
          "collation_connection",
          "Database Collation");

  /** SHOW FUNCTION STATUS and SHOW PROCEDURE STATUS. */
  private static final List<String> SHOW_ROUTINE_STATUS =
      List.of(
          "Db",
          "Name",
          "Type",
          "Definer",
          "Modified",
          "Created",
          "Security_type",
          "Comment",
          "character_set_client",
          "collation_connection",
          "Database Collation");

  /** SHOW EVENTS. */
  private static final List<String> SHOW_EVENTS =
      List.of(
          "Db",
          "Name",
          "Definer",
          "Time zone",
          "Type",
          "Execute at",
          "Interval value",
          "Interval field",
          "Starts",
          "Ends",
          "Status",
          "Originator",
          "character_set_client",
          "collation_connection",
          "Database Collation");

  private StoredPrograms() {}

  static void register(SqlEngine engine) {
    engine.registerSystemTable("information_schema", "TRIGGERS", none(TRIGGERS_COLUMNS));
    engine.registerSystemTable("information_schema", "ROUTINES", none(ROUTINES_COLUMNS));
    engine.registerSystemTable("information_schema", "EVENTS", none(EVENTS_COLUMNS));
  }

  /** The columns of a SHOW over stored programs; its rows are always none. */
  static List<ColumnMeta> showColumns(Admin.ShowKind kind) {
    List<String> names =
        switch (kind) {
          case TRIGGERS -> SHOW_TRIGGERS;
          case FUNCTION_STATUS, PROCEDURE_STATUS -> SHOW_ROUTINE_STATUS;
          case EVENTS -> SHOW_EVENTS;
          default -> throw new IllegalArgumentException(kind.name());
        };
    return metas(names);
  }

  private static List<ColumnMeta> metas(List<String> names) {
    List<ColumnMeta> columns = new ArrayList<>(names.size());
    for (String n : names) {
      columns.add(ColumnMeta.text(n, 64));
    }
    return columns;
  }

  private static SystemTable none(List<String> names) {
    return SystemTable.of(metas(names), session -> List.of());
  }
}
