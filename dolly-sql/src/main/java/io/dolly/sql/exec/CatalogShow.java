package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Admin;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SHOW statements answered from the data dictionary: TABLES, COLUMNS, INDEX, CREATE TABLE,
 * CREATE DATABASE and TABLE STATUS, with MySQL 8's columns.
 */
final class CatalogShow {
  private final SqlSession session;
  private final Dictionary dictionary;

  CatalogShow(SqlSession session) {
    this.session = session;
    this.dictionary = session.engine().dictionary();
  }

  /** Table names of a schema (none for the system schemas served from memory). */
  List<String> tableNames(String db) {
    if (dictionary == null || dictionary.schema(db).isEmpty()) {
      return List.of();
    }
    List<String> visible = new java.util.ArrayList<>();
    for (String name : dictionary.tableNames(db)) {
      if (session.privileges().seesTable(db, name)) {
        visible.add(name);
      }
    }
    return visible;
  }

  ResultSet columns(Admin.Show s) {
    Table t = session.storageTable(s.table().schema(), s.table().name());
    TableDefinition def = t.definition();
    List<ColumnMeta> columns = new ArrayList<>();
    columns.add(ColumnMeta.text("Field", 64));
    columns.add(ColumnMeta.text("Type", 64));
    if (s.full()) {
      columns.add(ColumnMeta.text("Collation", 64));
    }
    for (String n : List.of("Null", "Key", "Default", "Extra")) {
      columns.add(ColumnMeta.text(n, 64));
    }
    if (s.full()) {
      columns.add(ColumnMeta.text("Privileges", 64));
      columns.add(ColumnMeta.text("Comment", 1024));
    }
    List<Row> rows = new ArrayList<>();
    for (ColumnDefinition c : def.columns()) {
      List<String> cells = new ArrayList<>();
      cells.add(c.name());
      cells.add(c.typeText());
      if (s.full()) {
        cells.add(collationName(c));
      }
      cells.add(c.spec().nullable() ? "YES" : "NO");
      cells.add(key(def, c));
      cells.add(defaultShown(c));
      cells.add(extra(c));
      if (s.full()) {
        cells.add("select,insert,update,references");
        cells.add(c.comment());
      }
      rows.add(Row.of(cells.toArray(new String[0])));
    }
    return new ResultSet(columns, rows);
  }

  static String collationName(ColumnDefinition c) {
    if (!c.spec().kind().isString()) {
      return null;
    }
    return c.spec().collation().mysqlName();
  }

  /** PRI, UNI or MUL as SHOW COLUMNS and COLUMNS.COLUMN_KEY show it. */
  static String key(TableDefinition def, ColumnDefinition c) {
    String key = "";
    for (IndexDefinition i : def.indexes()) {
      if (!i.columns().get(0).equalsIgnoreCase(c.name())) {
        continue;
      }
      if (i.kind() == IndexKind.PRIMARY) {
        return "PRI";
      }
      if (i.kind() == IndexKind.UNIQUE && i.columns().size() == 1) {
        key = "UNI";
      } else if (key.isEmpty()) {
        key = "MUL";
      }
    }
    return key;
  }

  /** The default as SHOW COLUMNS prints it: the value unquoted, or NULL. */
  static String defaultShown(ColumnDefinition c) {
    String d = c.defaultValue();
    if (d == null) {
      return null;
    }
    if (d.startsWith("'") && d.endsWith("'") && d.length() >= 2) {
      return d.substring(1, d.length() - 1).replace("''", "'");
    }
    return d;
  }

  static String extra(ColumnDefinition c) {
    if (c.autoIncrement()) {
      return "auto_increment";
    }
    return ColumnDefaults.isCurrentTimestamp(c.defaultValue()) ? "DEFAULT_GENERATED" : "";
  }

  ResultSet index(Admin.Show s) {
    Table t = session.storageTable(s.table().schema(), s.table().name());
    TableDefinition def = t.definition();
    List<ColumnMeta> columns = new ArrayList<>();
    for (String n :
        List.of(
            "Table",
            "Non_unique",
            "Key_name",
            "Seq_in_index",
            "Column_name",
            "Collation",
            "Cardinality",
            "Sub_part",
            "Packed",
            "Null",
            "Index_type",
            "Comment",
            "Index_comment",
            "Visible",
            "Expression")) {
      columns.add(
          n.equals("Non_unique") || n.equals("Seq_in_index") || n.equals("Cardinality")
              ? ColumnMeta.integer(n, 21)
              : ColumnMeta.text(n, 64));
    }
    List<Row> rows = new ArrayList<>();
    for (List<String> r : indexRows(def)) {
      rows.add(Row.of(r.toArray(new String[0])));
    }
    return new ResultSet(columns, rows);
  }

  /**
   * One row per index column: table, non_unique, index, seq, column, collation, cardinality,
   * sub_part, packed, nullable, type, comment, index comment, visible, expression.
   */
  static List<List<String>> indexRows(TableDefinition def) {
    List<List<String>> rows = new ArrayList<>();
    for (IndexDefinition i : def.indexes()) {
      for (int k = 0; k < i.columns().size(); k++) {
        String col = i.columns().get(k);
        ColumnDefinition c = column(def, col);
        int prefix = i.prefixLengths().isEmpty() ? 0 : i.prefixLengths().get(k);
        List<String> r = new ArrayList<>();
        r.add(def.name());
        r.add(i.kind() == IndexKind.INDEX ? "1" : "0");
        r.add(i.name());
        r.add(Integer.toString(k + 1));
        r.add(col);
        r.add("A");
        r.add("0");
        r.add(prefix > 0 ? Integer.toString(prefix) : null);
        r.add(null);
        r.add(c != null && c.spec().nullable() ? "YES" : "");
        r.add("BTREE");
        r.add("");
        r.add("");
        r.add("YES");
        r.add(null);
        rows.add(r);
      }
    }
    return rows;
  }

  private static ColumnDefinition column(TableDefinition def, String name) {
    for (ColumnDefinition c : def.columns()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    return null;
  }

  ResultSet createTable(Admin.Show s) {
    Table t = session.storageTable(s.table().schema(), s.table().name());
    TableDefinition def = t.definition();
    boolean auto = def.columns().stream().anyMatch(ColumnDefinition::autoIncrement);
    String ddl = TableDdlText.of(def, auto ? t.autoIncrement() : 0);
    return new ResultSet(
        List.of(ColumnMeta.text("Table", 64), ColumnMeta.text("Create Table", 1024)),
        List.of(Row.of(def.name(), ddl)));
  }

  /** SHOW CREATE DATABASE of a dictionary schema, or null for one served from memory. */
  ResultSet createDatabase(String name) {
    if (dictionary == null) {
      return null;
    }
    String db = name.toLowerCase(Locale.ROOT);
    SchemaDefinition s = dictionary.schema(db).orElse(null);
    if (s == null) {
      if (SqlEngine.SYSTEM_SCHEMAS.contains(db)) {
        return null;
      }
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, name);
    }
    String ddl =
        "CREATE DATABASE `"
            + db
            + "` /*!40100 DEFAULT CHARACTER SET "
            + s.charset()
            + " COLLATE "
            + s.collation()
            + " */ /*!80016 DEFAULT ENCRYPTION='"
            + (s.defaultEncryption() ? "Y" : "N")
            + "' */";
    return new ResultSet(
        List.of(ColumnMeta.text("Database", 64), ColumnMeta.text("Create Database", 1024)),
        List.of(Row.of(db, ddl)));
  }

  /** SHOW TABLE STATUS rows (before LIKE/WHERE). */
  List<ColumnMeta> tableStatusColumns() {
    List<ColumnMeta> columns = new ArrayList<>();
    for (String n : InformationSchema.TABLE_STATUS_COLUMNS) {
      columns.add(ColumnMeta.text(n, 64));
    }
    return columns;
  }

  List<Row> tableStatus(String db) {
    List<Row> rows = new ArrayList<>();
    for (String name : tableNames(db)) {
      Table t = dictionary.table(db, name).orElse(null);
      if (t == null) {
        continue;
      }
      List<String> r = InformationSchema.tableFacts(t, session.engine().storage().pageSize());
      rows.add(Row.of(r.toArray(new String[0])));
    }
    return rows;
  }
}
