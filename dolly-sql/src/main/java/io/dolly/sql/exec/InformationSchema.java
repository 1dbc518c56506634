package io.dolly.sql.exec;

import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.record.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * information_schema SCHEMATA, TABLES, COLUMNS and STATISTICS over the data dictionary, with MySQL
 * 8's column names (upper case) in its order. TABLE_ROWS is exact (storage counts the clustered
 * index's leaves); DATA_LENGTH and INDEX_LENGTH are the trees' pages times the page size.
 */
final class InformationSchema {
  static final List<String> TABLE_STATUS_COLUMNS =
      List.of(
          "Name",
          "Engine",
          "Version",
          "Row_format",
          "Rows",
          "Avg_row_length",
          "Data_length",
          "Max_data_length",
          "Index_length",
          "Data_free",
          "Auto_increment",
          "Create_time",
          "Update_time",
          "Check_time",
          "Collation",
          "Checksum",
          "Create_options",
          "Comment");

  private static final List<String> NUMERIC =
      List.of(
          "VERSION",
          "TABLE_ROWS",
          "AVG_ROW_LENGTH",
          "DATA_LENGTH",
          "MAX_DATA_LENGTH",
          "INDEX_LENGTH",
          "DATA_FREE",
          "AUTO_INCREMENT",
          "ORDINAL_POSITION",
          "CHARACTER_MAXIMUM_LENGTH",
          "CHARACTER_OCTET_LENGTH",
          "NUMERIC_PRECISION",
          "NUMERIC_SCALE",
          "DATETIME_PRECISION",
          "NON_UNIQUE",
          "SEQ_IN_INDEX",
          "CARDINALITY",
          "SUB_PART");

  private InformationSchema() {}

  static void register(SqlEngine engine) {
    engine.registerSystemTable(
        "information_schema",
        "SCHEMATA",
        table(
            List.of(
                "CATALOG_NAME",
                "SCHEMA_NAME",
                "DEFAULT_CHARACTER_SET_NAME",
                "DEFAULT_COLLATION_NAME",
                "SQL_PATH",
                "DEFAULT_ENCRYPTION"),
            InformationSchema::schemata));
    engine.registerSystemTable(
        "information_schema",
        "TABLES",
        table(
            List.of(
                "TABLE_CATALOG",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "TABLE_TYPE",
                "ENGINE",
                "VERSION",
                "ROW_FORMAT",
                "TABLE_ROWS",
                "AVG_ROW_LENGTH",
                "DATA_LENGTH",
                "MAX_DATA_LENGTH",
                "INDEX_LENGTH",
                "DATA_FREE",
                "AUTO_INCREMENT",
                "CREATE_TIME",
                "UPDATE_TIME",
                "CHECK_TIME",
                "TABLE_COLLATION",
                "CHECKSUM",
                "CREATE_OPTIONS",
                "TABLE_COMMENT"),
            InformationSchema::tables));
    engine.registerSystemTable(
        "information_schema",
        "COLUMNS",
        table(
            List.of(
                "TABLE_CATALOG",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "COLUMN_NAME",
                "ORDINAL_POSITION",
                "COLUMN_DEFAULT",
                "IS_NULLABLE",
                "DATA_TYPE",
                "CHARACTER_MAXIMUM_LENGTH",
                "CHARACTER_OCTET_LENGTH",
                "NUMERIC_PRECISION",
                "NUMERIC_SCALE",
                "DATETIME_PRECISION",
                "CHARACTER_SET_NAME",
                "COLLATION_NAME",
                "COLUMN_TYPE",
                "COLUMN_KEY",
                "EXTRA",
                "PRIVILEGES",
                "COLUMN_COMMENT",
                "GENERATION_EXPRESSION",
                "SRS_ID"),
            InformationSchema::columns));
    engine.registerSystemTable(
        "information_schema",
        "STATISTICS",
        table(
            List.of(
                "TABLE_CATALOG",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "NON_UNIQUE",
                "INDEX_SCHEMA",
                "INDEX_NAME",
                "SEQ_IN_INDEX",
                "COLUMN_NAME",
                "COLLATION",
                "CARDINALITY",
                "SUB_PART",
                "PACKED",
                "NULLABLE",
                "INDEX_TYPE",
                "COMMENT",
                "INDEX_COMMENT",
                "IS_VISIBLE",
                "EXPRESSION"),
            InformationSchema::statistics));
  }

  private interface Rows {
    List<List<String>> of(SqlSession session, Dictionary dictionary);
  }

  private static SystemTable table(List<String> names, Rows rows) {
    List<ColumnMeta> columns = new ArrayList<>();
    for (String n : names) {
      columns.add(NUMERIC.contains(n) ? ColumnMeta.integer(n, 21) : ColumnMeta.text(n, 64));
    }
    return new SystemTable() {
      @Override
      public List<ColumnMeta> columns() {
        return columns;
      }

      @Override
      public List<List<Value>> rows(SqlSession session) {
        Dictionary d = session.engine().dictionary();
        List<List<Value>> out = new ArrayList<>();
        if (d == null) {
          return out;
        }
        for (List<String> r : rows.of(session, d)) {
          List<Value> values = new ArrayList<>(r.size());
          for (int i = 0; i < r.size(); i++) {
            String v = r.get(i);
            values.add(
                v == null
                    ? Value.NULL
                    : NUMERIC.contains(names.get(i)) ? Value.of(Long.parseLong(v)) : Value.of(v));
          }
          out.add(values);
        }
        return out;
      }
    };
  }

  private static List<List<String>> schemata(SqlSession session, Dictionary d) {
    List<List<String>> rows = new ArrayList<>();
    for (String name : session.engine().schemas()) {
      if (!session.privileges().seesDatabase(name)) {
        continue;
      }
      SchemaDefinition s = d.schema(name).orElse(null);
      String charset = s == null ? "utf8mb3" : s.charset();
      String collation = s == null ? "utf8mb3_general_ci" : s.collation();
      boolean encrypted = s != null && s.defaultEncryption();
      rows.add(
          java.util.Arrays.asList("def", name, charset, collation, null, encrypted ? "YES" : "NO"));
    }
    return rows;
  }

  /** The stored tables the session may see (any privilege on them). */
  private static List<Table> allTables(SqlSession session, Dictionary d) {
    List<Table> tables = new ArrayList<>();
    for (SchemaDefinition s : d.schemas()) {
      for (String name : d.tableNames(s.name())) {
        if (!session.privileges().seesTable(s.name(), name)) {
          continue;
        }
        d.table(s.name(), name).ifPresent(tables::add);
      }
    }
    return tables;
  }

  private static List<List<String>> tables(SqlSession session, Dictionary d) {
    int pageSize = session.engine().storage().pageSize();
    List<List<String>> rows = new ArrayList<>();
    for (Table t : allTables(session, d)) {
      List<String> f = tableFacts(t, pageSize);
      List<String> r = new ArrayList<>();
      r.add("def");
      r.add(t.definition().schema());
      r.add(t.definition().name());
      r.add("BASE TABLE");
      r.addAll(f.subList(1, f.size()));
      rows.add(r);
    }
    return rows;
  }

  /** SHOW TABLE STATUS's row for a table. */
  static List<String> tableFacts(Table t, int pageSize) {
    TableDefinition def = t.definition();
    long rows = t.rowCount();
    long data = t.dataPages() * pageSize;
    boolean auto = def.columns().stream().anyMatch(ColumnDefinition::autoIncrement);
    List<String> r = new ArrayList<>();
    r.add(def.name());
    r.add(def.options().getOrDefault("engine", "InnoDB"));
    r.add("10");
    r.add(capitalized(def.options().getOrDefault("row_format", "Dynamic")));
    r.add(Long.toString(rows));
    r.add(Long.toString(rows == 0 ? 0 : data / rows));
    r.add(Long.toString(data));
    r.add("0");
    r.add(Long.toString(t.indexPages() * pageSize));
    r.add("0");
    r.add(auto ? Long.toString(t.autoIncrement()) : null);
    r.add(null);
    r.add(null);
    r.add(null);
    r.add(def.options().getOrDefault("collate", "utf8mb4_0900_ai_ci"));
    r.add(null);
    r.add("");
    r.add(def.options().getOrDefault("comment", ""));
    return r;
  }

  private static String capitalized(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static List<List<String>> columns(SqlSession session, Dictionary d) {
    List<List<String>> rows = new ArrayList<>();
    for (Table t : allTables(session, d)) {
      TableDefinition def = t.definition();
      int position = 0;
      for (ColumnDefinition c : def.columns()) {
        position++;
        ColumnSpec s = c.spec();
        boolean text = s.kind().isString();
        boolean binary = s.kind().isBinary();
        String dataType = c.typeText().replaceAll("[ (].*", "");
        List<String> r = new ArrayList<>();
        r.add("def");
        r.add(def.schema());
        r.add(def.name());
        r.add(c.name());
        r.add(Integer.toString(position));
        r.add(CatalogShow.defaultShown(c));
        r.add(s.nullable() ? "YES" : "NO");
        r.add(dataType);
        r.add(text || binary ? Long.toString(s.length()) : null);
        r.add(
            text
                ? Long.toString(Math.min(4L * s.length(), 0xFFFF_FFFFL))
                : binary ? Long.toString(s.length()) : null);
        r.add(numericPrecision(s));
        r.add(numericScale(s));
        r.add(s.kind().hasFractionalSeconds() ? Integer.toString(s.fsp()) : null);
        r.add(text ? "utf8mb4" : null);
        r.add(CatalogShow.collationName(c));
        r.add(c.typeText());
        r.add(CatalogShow.key(def, c));
        r.add(CatalogShow.extra(c));
        r.add("select,insert,update,references");
        r.add(c.comment());
        r.add("");
        r.add(null);
        rows.add(r);
      }
    }
    return rows;
  }

  private static String numericPrecision(ColumnSpec s) {
    return switch (s.kind()) {
      case TINYINT -> "3";
      case SMALLINT -> "5";
      case MEDIUMINT -> "7";
      case INT -> "10";
      case BIGINT -> s.unsigned() ? "20" : "19";
      case DECIMAL -> Integer.toString(s.precision());
      case FLOAT -> "12";
      case DOUBLE -> "22";
      default -> null;
    };
  }

  private static String numericScale(ColumnSpec s) {
    return switch (s.kind()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT -> "0";
      case DECIMAL -> Integer.toString(s.scale());
      default -> null;
    };
  }

  private static List<List<String>> statistics(SqlSession session, Dictionary d) {
    List<List<String>> rows = new ArrayList<>();
    for (Table t : allTables(session, d)) {
      TableDefinition def = t.definition();
      for (List<String> i : CatalogShow.indexRows(def)) {
        List<String> r = new ArrayList<>();
        r.add("def");
        r.add(def.schema());
        r.add(def.name());
        r.add(i.get(1));
        r.add(def.schema());
        r.addAll(i.subList(2, 12));
        r.add(i.get(12));
        r.add(i.get(13));
        r.add(i.get(14));
        rows.add(r);
      }
    }
    return rows;
  }
}
