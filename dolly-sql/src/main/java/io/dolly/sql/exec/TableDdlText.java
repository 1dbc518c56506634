package io.dolly.sql.exec;

import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/** SHOW CREATE TABLE's text, laid out as MySQL 8 prints it. */
final class TableDdlText {
  private TableDdlText() {}

  static String of(TableDefinition def, long autoIncrement) {
    List<String> lines = new ArrayList<>();
    for (ColumnDefinition c : def.columns()) {
      lines.add("  " + column(c));
    }
    for (IndexDefinition i : def.indexes()) {
      String parts = parts(i);
      lines.add(
          switch (i.kind()) {
            case PRIMARY -> "  PRIMARY KEY " + parts;
            case UNIQUE -> "  UNIQUE KEY " + quote(i.name()) + " " + parts;
            case INDEX -> "  KEY " + quote(i.name()) + " " + parts;
          });
    }
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(quote(def.name())).append(" (\n");
    sb.append(String.join(",\n", lines))
        .append("\n) ENGINE=")
        .append(def.options().getOrDefault("engine", "InnoDB"));
    if (autoIncrement > 1) {
      sb.append(" AUTO_INCREMENT=").append(autoIncrement);
    }
    sb.append(" DEFAULT CHARSET=").append(def.options().getOrDefault("charset", "utf8mb4"));
    String collate = def.options().get("collate");
    if (collate != null) {
      sb.append(" COLLATE=").append(collate);
    }
    String rowFormat = def.options().get("row_format");
    if (rowFormat != null) {
      sb.append(" ROW_FORMAT=").append(rowFormat.toUpperCase(java.util.Locale.ROOT));
    }
    String comment = def.options().get("comment");
    if (comment != null) {
      sb.append(" COMMENT=").append(literal(comment));
    }
    return sb.toString();
  }

  static String column(ColumnDefinition c) {
    StringBuilder sb = new StringBuilder(quote(c.name())).append(' ').append(c.typeText());
    if (!c.spec().nullable()) {
      sb.append(" NOT NULL");
    }
    if (c.hasDefault()) {
      if (c.defaultValue() != null) {
        sb.append(" DEFAULT ").append(c.defaultValue());
      } else if (!ColumnTypes.isBlob(c.spec())) {
        sb.append(" DEFAULT NULL");
      }
    }
    if (c.autoIncrement()) {
      sb.append(" AUTO_INCREMENT");
    }
    if (!c.comment().isEmpty()) {
      sb.append(" COMMENT ").append(literal(c.comment()));
    }
    return sb.toString();
  }

  private static String parts(IndexDefinition i) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < i.columns().size(); k++) {
      int prefix = i.prefixLengths().isEmpty() ? 0 : i.prefixLengths().get(k);
      parts.add(quote(i.columns().get(k)) + (prefix > 0 ? "(" + prefix + ")" : ""));
    }
    return "(" + String.join(",", parts) + ")";
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
