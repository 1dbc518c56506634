package io.dolly.sql.exec;

import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * information_schema.FILES: one row per table's tablespace file, as MySQL 8 lists InnoDB's
 * file-per-table tablespaces (FILE_TYPE {@code TABLESPACE}, TABLESPACE_NAME {@code schema/table}).
 * Backup tools read it (mariadb-dump asks it for NDB undo log groups, which never exist here); the
 * columns MySQL fills only for NDB are NULL.
 */
final class TablespaceFiles {
  private static final List<String> COLUMNS =
      List.of(
          "FILE_ID",
          "FILE_NAME",
          "FILE_TYPE",
          "TABLESPACE_NAME",
          "TABLE_CATALOG",
          "TABLE_SCHEMA",
          "TABLE_NAME",
          "LOGFILE_GROUP_NAME",
          "LOGFILE_GROUP_NUMBER",
          "ENGINE",
          "FULLTEXT_KEYS",
          "DELETED_ROWS",
          "UPDATE_COUNT",
          "FREE_EXTENTS",
          "TOTAL_EXTENTS",
          "EXTENT_SIZE",
          "INITIAL_SIZE",
          "MAXIMUM_SIZE",
          "AUTOEXTEND_SIZE",
          "CREATION_TIME",
          "LAST_UPDATE_TIME",
          "LAST_ACCESS_TIME",
          "RECOVER_TIME",
          "TRANSACTION_COUNTER",
          "VERSION",
          "ROW_FORMAT",
          "TABLE_ROWS",
          "AVG_ROW_LENGTH",
          "DATA_LENGTH",
          "MAX_DATA_LENGTH",
          "INDEX_LENGTH",
          "DATA_FREE",
          "CREATE_TIME",
          "UPDATE_TIME",
          "CHECK_TIME",
          "CHECKSUM",
          "STATUS",
          "EXTRA");

  private TablespaceFiles() {}

  static void register(SqlEngine engine) {
    List<ColumnMeta> columns = new ArrayList<>();
    for (String name : COLUMNS) {
      columns.add(
          name.equals("FILE_ID") ? ColumnMeta.integer(name, 21) : ColumnMeta.text(name, 64));
    }
    engine.registerSystemTable(
        "information_schema", "FILES", SystemTable.of(columns, TablespaceFiles::rows));
  }

  private static List<List<Value>> rows(SqlSession session) {
    Dictionary d = session.engine().dictionary();
    List<List<Value>> rows = new ArrayList<>();
    if (d == null) {
      return rows;
    }
    for (SchemaDefinition s : d.schemas()) {
      for (String name : d.tableNames(s.name())) {
        d.table(s.name(), name).ifPresent(t -> rows.add(row(t)));
      }
    }
    return rows;
  }

  private static List<Value> row(Table t) {
    Value[] r = new Value[COLUMNS.size()];
    Arrays.fill(r, Value.NULL);
    String file = t.file();
    r[0] = Value.of((long) t.spaceId());
    r[1] = Value.of("./" + file);
    r[2] = Value.of("TABLESPACE");
    r[3] = Value.of(file.endsWith(".ibd") ? file.substring(0, file.length() - 4) : file);
    r[9] = Value.of("InnoDB");
    r[COLUMNS.indexOf("STATUS")] = Value.of("NORMAL");
    return Arrays.asList(r);
  }
}
