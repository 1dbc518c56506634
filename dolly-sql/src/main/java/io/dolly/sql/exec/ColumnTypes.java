package io.dolly.sql.exec;

import io.dolly.protocol.ColumnFlags;
import io.dolly.protocol.ColumnType;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.DataType;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnKind;
import io.dolly.storage.record.ColumnSpec;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * SQL column types as storage keeps them ({@link ColumnSpec}) and as MySQL 8 names them in SHOW
 * CREATE TABLE ({@code int}, {@code int unsigned}, {@code tinyint(1)}, {@code varchar(20)}: display
 * widths of integers are gone since 8.0.19, except for BOOLEAN's tinyint(1)). ENUM and SET are kept
 * as VARCHAR wide enough for their longest value, JSON as LONGTEXT, BIT(n) as BIGINT UNSIGNED.
 */
final class ColumnTypes {
  static final int TEXT = 65_535;
  static final int MEDIUM = 16_777_215;
  static final int LONG = Integer.MAX_VALUE;

  private ColumnTypes() {}

  static ColumnSpec spec(String column, DataType t, Collation collation, boolean nullable) {
    String name = t.name();
    return switch (name) {
      case "TINYINT", "BOOL", "BOOLEAN" -> integer(ColumnKind.TINYINT, t, nullable);
      case "SMALLINT" -> integer(ColumnKind.SMALLINT, t, nullable);
      case "MEDIUMINT" -> integer(ColumnKind.MEDIUMINT, t, nullable);
      case "INT", "INTEGER" -> integer(ColumnKind.INT, t, nullable);
      case "BIGINT" -> integer(ColumnKind.BIGINT, t, nullable);
      case "BIT" -> ColumnSpec.integer(ColumnKind.BIGINT, true, nullable);
      case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> {
        int precision = t.length() == null ? 10 : t.length();
        int scale = t.scale() == null ? 0 : t.scale();
        if (precision > 65 || scale > 30 || scale > precision) {
          throw new MysqlException(ErrorCode.ER_WRONG_FIELD_SPEC, column);
        }
        yield ColumnSpec.decimal(Math.max(1, precision), scale, nullable);
      }
      case "FLOAT" ->
          ColumnSpec.of(
              t.length() != null && t.length() > 24 ? ColumnKind.DOUBLE : ColumnKind.FLOAT,
              nullable);
      case "DOUBLE", "REAL" -> ColumnSpec.of(ColumnKind.DOUBLE, nullable);
      case "CHAR", "CHARACTER", "NCHAR" ->
          text(ColumnKind.CHAR, t.length() == null ? 1 : t.length(), t, collation, nullable);
      case "VARCHAR", "NVARCHAR", "CHARACTER VARYING" -> {
        if (t.length() == null) {
          throw new MysqlException(ErrorCode.ER_WRONG_FIELD_SPEC, column);
        }
        yield text(ColumnKind.VARCHAR, t.length(), t, collation, nullable);
      }
      case "TINYTEXT" -> text(ColumnKind.TEXT, 255, t, collation, nullable);
      case "TEXT" -> text(ColumnKind.TEXT, TEXT, t, collation, nullable);
      case "MEDIUMTEXT" -> text(ColumnKind.TEXT, MEDIUM, t, collation, nullable);
      case "LONGTEXT", "JSON" -> text(ColumnKind.TEXT, LONG, t, collation, nullable);
      case "ENUM", "SET" -> {
        int width =
            name.equals("SET")
                ? t.values().stream().mapToInt(String::length).sum() + t.values().size()
                : t.values().stream().mapToInt(String::length).max().orElse(1);
        yield text(ColumnKind.VARCHAR, Math.max(1, width), t, collation, nullable);
      }
      case "BINARY" ->
          ColumnSpec.binary(ColumnKind.BINARY, t.length() == null ? 1 : t.length(), nullable);
      case "VARBINARY" -> {
        if (t.length() == null) {
          throw new MysqlException(ErrorCode.ER_WRONG_FIELD_SPEC, column);
        }
        yield ColumnSpec.binary(ColumnKind.VARBINARY, t.length(), nullable);
      }
      case "TINYBLOB" -> ColumnSpec.binary(ColumnKind.BLOB, 255, nullable);
      case "BLOB" -> ColumnSpec.binary(ColumnKind.BLOB, TEXT, nullable);
      case "MEDIUMBLOB" -> ColumnSpec.binary(ColumnKind.BLOB, MEDIUM, nullable);
      case "LONGBLOB" -> ColumnSpec.binary(ColumnKind.BLOB, LONG, nullable);
      case "DATE" -> ColumnSpec.of(ColumnKind.DATE, nullable);
      case "TIME" -> ColumnSpec.temporal(ColumnKind.TIME, fsp(column, t), nullable);
      case "DATETIME" -> ColumnSpec.temporal(ColumnKind.DATETIME, fsp(column, t), nullable);
      case "TIMESTAMP" -> ColumnSpec.temporal(ColumnKind.TIMESTAMP, fsp(column, t), nullable);
      case "YEAR" -> ColumnSpec.of(ColumnKind.YEAR, nullable);
      default -> throw SyntaxErrors.unsupported("column type " + name);
    };
  }

  private static ColumnSpec integer(ColumnKind kind, DataType t, boolean nullable) {
    return ColumnSpec.integer(kind, t.unsigned(), nullable);
  }

  private static ColumnSpec text(
      ColumnKind kind, int length, DataType t, Collation collation, boolean nullable) {
    if (t.collation() != null && t.collation().equals("binary")) {
      // CHAR(n) BINARY: the binary collation of the column's character set.
      return ColumnSpec.string(kind, length, Collation.UTF8MB4_BIN, nullable);
    }
    return ColumnSpec.string(kind, length, collation, nullable);
  }

  private static int fsp(String column, DataType t) {
    int fsp = t.length() == null ? 0 : t.length();
    if (fsp > 6) {
      throw new MysqlException(ErrorCode.ER_WRONG_FIELD_SPEC, column);
    }
    return fsp;
  }

  /** The storage collation for a column's (or table's) collation or character set. */
  static Collation collation(String collation, String charset) {
    if (collation != null) {
      String c = collation.toLowerCase(Locale.ROOT);
      if (c.equals("binary")) {
        return Collation.BINARY;
      }
      return c.endsWith("_bin") ? Collation.UTF8MB4_BIN : Collation.UTF8MB4_0900_AI_CI;
    }
    if (charset != null && charset.equalsIgnoreCase("binary")) {
      return Collation.BINARY;
    }
    return Collation.UTF8MB4_0900_AI_CI;
  }

  /** The type as MySQL 8 prints it. */
  static String typeText(DataType t) {
    String name = t.name().toLowerCase(Locale.ROOT);
    String unsigned = t.unsigned() ? " unsigned" : "";
    String zerofill = t.zerofill() ? " zerofill" : "";
    return switch (t.name()) {
      case "BOOL", "BOOLEAN" -> "tinyint(1)";
      case "TINYINT" ->
          (t.length() != null && t.length() == 1 && !t.unsigned() ? "tinyint(1)" : "tinyint")
              + unsigned
              + zerofill;
      case "SMALLINT", "MEDIUMINT", "BIGINT" -> name + unsigned + zerofill;
      case "INT", "INTEGER" -> "int" + unsigned + zerofill;
      case "BIT" -> "bit(" + (t.length() == null ? 1 : t.length()) + ")";
      case "DECIMAL", "NUMERIC", "DEC", "FIXED" ->
          "decimal("
              + (t.length() == null ? 10 : t.length())
              + ","
              + (t.scale() == null ? 0 : t.scale())
              + ")"
              + unsigned
              + zerofill;
      case "FLOAT" ->
          (t.length() != null && t.length() > 24 ? "double" : "float") + unsigned + zerofill;
      case "DOUBLE", "REAL" -> "double" + unsigned + zerofill;
      case "CHAR", "CHARACTER", "NCHAR" -> "char(" + (t.length() == null ? 1 : t.length()) + ")";
      case "VARCHAR", "NVARCHAR" -> "varchar(" + t.length() + ")";
      case "BINARY" -> "binary(" + (t.length() == null ? 1 : t.length()) + ")";
      case "VARBINARY" -> "varbinary(" + t.length() + ")";
      case "ENUM", "SET" ->
          name
              + t.values().stream()
                  .map(v -> "'" + v.replace("'", "''") + "'")
                  .collect(Collectors.joining(",", "(", ")"));
      case "TIME", "DATETIME", "TIMESTAMP" ->
          t.length() == null || t.length() == 0 ? name : name + "(" + t.length() + ")";
      default -> name;
    };
  }

  /** True for the types that cannot have a literal DEFAULT (1101). */
  static boolean isBlob(ColumnSpec spec) {
    return spec.kind() == ColumnKind.TEXT || spec.kind() == ColumnKind.BLOB;
  }

  /** The result-set column definitions of every column of a stored table read as {@code alias}. */
  static java.util.List<ColumnMeta> metas(TableDefinition table, String alias) {
    java.util.List<ColumnMeta> columns = new java.util.ArrayList<>(table.columns().size());
    for (int i = 0; i < table.columns().size(); i++) {
      columns.add(meta(table.schema(), alias, table, i, table.columns().get(i).name()));
    }
    return columns;
  }

  /** The result-set column definition of a stored column. */
  static ColumnMeta meta(
      String schema, String alias, TableDefinition table, int index, String name) {
    ColumnDefinition c = table.columns().get(index);
    ColumnSpec s = c.spec();
    int flags = s.nullable() ? 0 : ColumnFlags.NOT_NULL;
    for (IndexDefinition i : table.indexes()) {
      if (i.columns().get(0).equalsIgnoreCase(c.name())) {
        flags |=
            switch (i.kind()) {
              case PRIMARY -> ColumnFlags.PRIMARY_KEY;
              case UNIQUE -> i.columns().size() == 1 ? ColumnFlags.UNIQUE_KEY : 0;
              case INDEX -> ColumnFlags.MULTIPLE_KEY;
            };
      }
    }
    if (c.autoIncrement()) {
      flags |= ColumnFlags.AUTO_INCREMENT;
    }
    if (!c.hasDefault() && !c.autoIncrement()) {
      flags |= ColumnFlags.NO_DEFAULT_VALUE;
    }
    int numeric = ColumnFlags.NUM | (s.unsigned() ? ColumnFlags.UNSIGNED : 0);
    int bin = ColumnTyper.BINARY_COLLATION;
    int text = s.collation() == Collation.BINARY ? bin : ColumnTyper.UTF8MB4_COLLATION;
    int charBytes = text == bin ? 1 : 4;
    String typeText = c.typeText();
    ColumnType type;
    long length;
    int decimals = 0;
    int collation = bin;
    switch (s.kind()) {
      case TINYINT -> {
        type = ColumnType.TINY;
        length = typeText.startsWith("tinyint(1)") ? 1 : s.unsigned() ? 3 : 4;
        flags |= numeric;
      }
      case SMALLINT -> {
        type = ColumnType.SHORT;
        length = s.unsigned() ? 5 : 6;
        flags |= numeric;
      }
      case MEDIUMINT -> {
        type = ColumnType.INT24;
        length = s.unsigned() ? 8 : 9;
        flags |= numeric;
      }
      case INT -> {
        type = ColumnType.LONG;
        length = s.unsigned() ? 10 : 11;
        flags |= numeric;
      }
      case BIGINT -> {
        type = ColumnType.LONGLONG;
        length = 20;
        flags |= numeric;
      }
      case DECIMAL -> {
        type = ColumnType.NEWDECIMAL;
        length = s.precision() + (s.scale() > 0 ? 1 : 0) + (s.unsigned() ? 0 : 1);
        decimals = s.scale();
        flags |= numeric;
      }
      case FLOAT -> {
        type = ColumnType.FLOAT;
        length = 12;
        decimals = ColumnTyper.NOT_FIXED_DECIMALS;
        flags |= numeric;
      }
      case DOUBLE -> {
        type = ColumnType.DOUBLE;
        length = 22;
        decimals = ColumnTyper.NOT_FIXED_DECIMALS;
        flags |= numeric;
      }
      case CHAR, BINARY -> {
        type = ColumnType.STRING;
        length = (long) s.length() * (s.kind() == ColumnKind.BINARY ? 1 : charBytes);
        collation = s.kind() == ColumnKind.BINARY ? bin : text;
        flags |= collation == bin ? ColumnFlags.BINARY : 0;
        flags |= typeText.startsWith("enum") ? ColumnFlags.ENUM : 0;
      }
      case VARCHAR, VARBINARY -> {
        boolean enumOrSet = typeText.startsWith("enum") || typeText.startsWith("set");
        type = enumOrSet ? ColumnType.STRING : ColumnType.VAR_STRING;
        length = (long) s.length() * (s.kind() == ColumnKind.VARBINARY ? 1 : charBytes);
        collation = s.kind() == ColumnKind.VARBINARY ? bin : text;
        flags |= collation == bin ? ColumnFlags.BINARY : 0;
        flags |= typeText.startsWith("enum") ? ColumnFlags.ENUM : 0;
        flags |= typeText.startsWith("set") ? ColumnFlags.SET : 0;
      }
      case TEXT, BLOB -> {
        type = typeText.equals("json") ? ColumnType.JSON : ColumnType.BLOB;
        boolean binary = s.kind() == ColumnKind.BLOB;
        collation = binary ? bin : text;
        length = Math.min(0xFFFF_FFFFL, (long) s.length() * (binary ? 1 : charBytes));
        flags |= ColumnFlags.BLOB | (collation == bin ? ColumnFlags.BINARY : 0);
      }
      case DATE -> {
        type = ColumnType.DATE;
        length = 10;
        flags |= ColumnFlags.BINARY;
      }
      case TIME -> {
        type = ColumnType.TIME;
        length = 10 + (s.fsp() > 0 ? s.fsp() + 1 : 0);
        decimals = s.fsp();
        flags |= ColumnFlags.BINARY;
      }
      case DATETIME -> {
        type = ColumnType.DATETIME;
        length = 19 + (s.fsp() > 0 ? s.fsp() + 1 : 0);
        decimals = s.fsp();
        flags |= ColumnFlags.BINARY;
      }
      case TIMESTAMP -> {
        type = ColumnType.TIMESTAMP;
        length = 19 + (s.fsp() > 0 ? s.fsp() + 1 : 0);
        decimals = s.fsp();
        flags |= ColumnFlags.BINARY | ColumnFlags.TIMESTAMP;
      }
      case YEAR -> {
        type = ColumnType.YEAR;
        length = 4;
        flags |= ColumnFlags.UNSIGNED | ColumnFlags.ZEROFILL | ColumnFlags.NUM;
      }
      default -> {
        type = ColumnType.NULL;
        length = 0;
      }
    }
    return new ColumnMeta(
        schema, alias, table.name(), name, c.name(), collation, length, type, flags, decimals);
  }
}
