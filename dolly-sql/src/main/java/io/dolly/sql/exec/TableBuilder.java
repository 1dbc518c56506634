package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.ColumnDef;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.IndexDef;
import io.dolly.sql.ast.TableOption;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.IndexDefinition;
import io.dolly.storage.catalog.IndexKind;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.record.Collation;
import io.dolly.storage.record.ColumnSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TableDefinition} from CREATE TABLE clauses, and edits one for ALTER TABLE, with
 * MySQL's checks: 1060 duplicate column, 1061 duplicate key name, 1068 two primary keys, 1072 key
 * on a missing column, 1075 AUTO_INCREMENT not a key (or more than one), 1101 BLOB/TEXT default,
 * 1067 invalid default. Primary key columns become NOT NULL; unnamed indexes take their first
 * column's name (then _2, _3, ...).
 */
final class TableBuilder {
  private final SqlSession session;
  private final String schema;
  private String name;
  private final List<ColumnDefinition> columns = new ArrayList<>();
  private final List<IndexDefinition> indexes = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();

  TableBuilder(SqlSession session, String schema, String name) {
    this.session = session;
    this.schema = schema;
    this.name = name;
  }

  /** Starts from an existing definition (ALTER TABLE, CREATE TABLE ... LIKE). */
  TableBuilder(SqlSession session, TableDefinition from, String schema, String name) {
    this(session, schema, name);
    columns.addAll(from.columns());
    indexes.addAll(from.indexes());
    options.putAll(from.options());
  }

  List<ColumnDefinition> columns() {
    return columns;
  }

  void rename(String newName) {
    this.name = newName;
  }

  Collation tableCollation() {
    return ColumnTypes.collation(options.get("collate"), options.get("charset"));
  }

  /** Adds a column; {@code position} -1 appends, else inserts at that index. */
  void addColumn(ColumnDef c, int position) {
    if (columnIndex(c.name()) >= 0) {
      throw new MysqlException(ErrorCode.ER_DUP_FIELDNAME, c.name());
    }
    ColumnDefinition d = column(c);
    columns.add(position < 0 ? columns.size() : position, d);
    if (c.primaryKey()) {
      addIndex(new IndexDef("PRIMARY", null, List.of(new IndexDef.Part(c.name(), null, false))));
    } else if (c.unique()) {
      addIndex(new IndexDef("UNIQUE", null, List.of(new IndexDef.Part(c.name(), null, false))));
    }
  }

  /** Replaces column {@code oldName} by {@code c} (MODIFY / CHANGE), at {@code position} if ≥ 0. */
  void replaceColumn(String oldName, ColumnDef c, int position) {
    int i = columnIndex(oldName);
    if (i < 0) {
      throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, oldName, name);
    }
    if (!oldName.equalsIgnoreCase(c.name()) && columnIndex(c.name()) >= 0) {
      throw new MysqlException(ErrorCode.ER_DUP_FIELDNAME, c.name());
    }
    ColumnDefinition d = column(c);
    columns.remove(i);
    columns.add(position < 0 ? i : Math.min(position, columns.size()), d);
    if (!oldName.equals(c.name())) {
      for (int k = 0; k < indexes.size(); k++) {
        IndexDefinition x = indexes.get(k);
        List<String> cols =
            x.columns().stream().map(n -> n.equalsIgnoreCase(oldName) ? c.name() : n).toList();
        indexes.set(k, new IndexDefinition(x.name(), x.kind(), cols, x.prefixLengths()));
      }
    }
    if (c.primaryKey()) {
      addIndex(new IndexDef("PRIMARY", null, List.of(new IndexDef.Part(c.name(), null, false))));
    } else if (c.unique()) {
      addIndex(new IndexDef("UNIQUE", null, List.of(new IndexDef.Part(c.name(), null, false))));
    }
  }

  void dropColumn(String column) {
    int i = columnIndex(column);
    if (i < 0) {
      throw new MysqlException(ErrorCode.ER_CANT_DROP_FIELD_OR_KEY, column);
    }
    if (columns.size() == 1) {
      throw new MysqlException(ErrorCode.ER_CANT_REMOVE_ALL_FIELDS);
    }
    columns.remove(i);
    // An index loses the column; an index left without columns goes away, as in MySQL.
    for (int k = indexes.size() - 1; k >= 0; k--) {
      IndexDefinition x = indexes.get(k);
      int p = indexOfIgnoreCase(x.columns(), column);
      if (p >= 0) {
        List<String> cols = new ArrayList<>(x.columns());
        List<Integer> prefixes =
            x.prefixLengths().isEmpty()
                ? new ArrayList<>(java.util.Collections.nCopies(x.columns().size(), 0))
                : new ArrayList<>(x.prefixLengths());
        cols.remove(p);
        prefixes.remove(p);
        if (cols.isEmpty()) {
          indexes.remove(k);
        } else {
          indexes.set(k, new IndexDefinition(x.name(), x.kind(), cols, prefixes));
        }
      }
    }
  }

  void addIndex(IndexDef def) {
    IndexKind kind =
        switch (def.kind()) {
          case "PRIMARY" -> IndexKind.PRIMARY;
          case "UNIQUE" -> IndexKind.UNIQUE;
          case "FULLTEXT" -> throw SyntaxErrors.unsupported("FULLTEXT indexes");
          default -> IndexKind.INDEX;
        };
    List<String> cols = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    for (IndexDef.Part p : def.parts()) {
      int i = columnIndex(p.column());
      if (i < 0) {
        throw new MysqlException(ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXITS, p.column());
      }
      ColumnDefinition c = columns.get(i);
      cols.add(c.name());
      prefixes.add(p.length() == null ? 0 : p.length());
      if (ColumnTypes.isBlob(c.spec()) && p.length() == null) {
        throw new MysqlException(ErrorCode.ER_BLOB_KEY_WITHOUT_LENGTH, c.name());
      }
    }
    String indexName;
    if (kind == IndexKind.PRIMARY) {
      if (indexes.stream().anyMatch(x -> x.kind() == IndexKind.PRIMARY)) {
        throw new MysqlException(ErrorCode.ER_MULTIPLE_PRI_KEY);
      }
      indexName = "PRIMARY";
      for (String c : cols) {
        int i = columnIndex(c);
        columns.set(i, notNull(columns.get(i)));
      }
    } else if (def.name() != null) {
      indexName = def.name();
      if (indexName.equalsIgnoreCase("PRIMARY")) {
        throw new MysqlException(ErrorCode.ER_WRONG_NAME_FOR_INDEX, indexName);
      }
      if (index(indexName) != null) {
        throw new MysqlException(ErrorCode.ER_DUP_KEYNAME, indexName);
      }
    } else {
      indexName = cols.get(0);
      for (int n = 2; index(indexName) != null; n++) {
        indexName = cols.get(0) + "_" + n;
      }
    }
    IndexDefinition d = new IndexDefinition(indexName, kind, cols, prefixes);
    // MySQL lists the primary key first, then unique keys, then the others, in creation order.
    int at = indexes.size();
    if (kind == IndexKind.PRIMARY) {
      at = 0;
    } else if (kind == IndexKind.UNIQUE) {
      at = 0;
      while (at < indexes.size() && indexes.get(at).kind() != IndexKind.INDEX) {
        at++;
      }
    }
    indexes.add(at, d);
  }

  void dropIndex(String indexName) {
    IndexDefinition d = index(indexName);
    if (d == null) {
      throw new MysqlException(ErrorCode.ER_CANT_DROP_FIELD_OR_KEY, indexName);
    }
    indexes.remove(d);
  }

  void dropPrimaryKey() {
    dropIndex("PRIMARY");
  }

  IndexDefinition index(String indexName) {
    for (IndexDefinition d : indexes) {
      if (d.name().equalsIgnoreCase(indexName)) {
        return d;
      }
    }
    return null;
  }

  void option(TableOption o) {
    String key =
        switch (o.name()) {
          case "DEFAULT CHARSET", "CHARSET", "CHARACTER SET" -> "charset";
          case "DEFAULT COLLATE", "COLLATE" -> "collate";
          case "ALGORITHM", "LOCK" -> null;
          default -> o.name().toLowerCase(Locale.ROOT);
        };
    if (key == null) {
      return;
    }
    String value = o.value();
    if (key.equals("engine")) {
      value = "InnoDB";
    } else if (key.equals("charset") || key.equals("collate")) {
      value = value.toLowerCase(Locale.ROOT);
    }
    options.put(key, value);
    if (key.equals("charset") && !options.containsKey("collate")) {
      options.put("collate", value.equals("binary") ? "binary" : value + "_0900_ai_ci");
    }
  }

  String option(String key) {
    return options.get(key);
  }

  TableDefinition build() {
    if (columns.isEmpty()) {
      throw new MysqlException(ErrorCode.ER_TABLE_MUST_HAVE_COLUMNS);
    }
    long autos = columns.stream().filter(ColumnDefinition::autoIncrement).count();
    if (autos > 1) {
      throw new MysqlException(ErrorCode.ER_WRONG_AUTO_KEY);
    }
    for (ColumnDefinition c : columns) {
      if (c.autoIncrement()
          && indexes.stream().noneMatch(i -> i.columns().get(0).equalsIgnoreCase(c.name()))) {
        throw new MysqlException(ErrorCode.ER_WRONG_AUTO_KEY);
      }
    }
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("engine", options.getOrDefault("engine", "InnoDB"));
    opts.put("charset", options.getOrDefault("charset", "utf8mb4"));
    opts.put("collate", options.getOrDefault("collate", "utf8mb4_0900_ai_ci"));
    for (Map.Entry<String, String> e : options.entrySet()) {
      opts.putIfAbsent(e.getKey(), e.getValue());
    }
    opts.remove("auto_increment");
    return new TableDefinition(schema, name, List.copyOf(columns), List.copyOf(indexes), opts);
  }

  // ---- columns

  private ColumnDefinition column(ColumnDef c) {
    boolean nullable = c.nullable() == null ? !c.primaryKey() : c.nullable();
    String typeName = c.type().name();
    if (typeName.equals("TIMESTAMP") && c.nullable() == null && !c.primaryKey()) {
      nullable = true;
    }
    if (typeName.equals("SERIAL")) {
      throw SyntaxErrors.unsupported("SERIAL");
    }
    Collation collation =
        c.type().collation() != null || c.type().charset() != null
            ? ColumnTypes.collation(c.type().collation(), c.type().charset())
            : tableCollation();
    ColumnSpec spec = ColumnTypes.spec(c.name(), c.type(), collation, nullable);
    String typeText = ColumnTypes.typeText(c.type());
    boolean hasDefault = false;
    String defaultText = null;
    if (c.defaultValue() != null) {
      if (ColumnTypes.isBlob(spec) && !(c.defaultValue() instanceof Expression.NullLiteral)) {
        throw new MysqlException(ErrorCode.ER_BLOB_CANT_HAVE_DEFAULT, c.name());
      }
      hasDefault = true;
      defaultText = defaultText(c, spec, typeText);
    } else if (nullable && !c.autoIncrement()) {
      // A nullable column without DEFAULT defaults to NULL.
      hasDefault = true;
    }
    String comment = c.comment() == null ? "" : c.comment();
    return new ColumnDefinition(
        c.name(), spec, typeText, hasDefault, defaultText, c.autoIncrement(), comment);
  }

  private String defaultText(ColumnDef c, ColumnSpec spec, String typeText) {
    Expression e = c.defaultValue();
    if (e instanceof Expression.NullLiteral) {
      if (!spec.nullable()) {
        throw new MysqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
      }
      return null;
    }
    if (e instanceof Expression.Call call
        && (call.name().equals("CURRENT_TIMESTAMP") || call.name().equals("NOW"))) {
      if (!spec.kind().hasFractionalSeconds()
          || spec.kind() == io.dolly.storage.record.ColumnKind.TIME) {
        throw new MysqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
      }
      return spec.fsp() > 0 ? "CURRENT_TIMESTAMP(" + spec.fsp() + ")" : "CURRENT_TIMESTAMP";
    }
    if (!Conditions.isConstant(e)) {
      throw new MysqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
    }
    Value v = new Evaluator(session.evalContext()).eval(e);
    ColumnDefinition probe = new ColumnDefinition(c.name(), spec, typeText, true, null, false, "");
    Object stored;
    try {
      stored = StoredValues.toStored(v, new StoredValues.Target(probe, 1, true, w -> {}));
    } catch (MysqlException bad) {
      throw new MysqlException(ErrorCode.ER_INVALID_DEFAULT, c.name());
    }
    return ColumnDefaults.literal(StoredValues.toValue(spec, stored));
  }

  private static ColumnDefinition notNull(ColumnDefinition c) {
    if (!c.spec().nullable()) {
      return c;
    }
    ColumnSpec s = c.spec();
    ColumnSpec spec =
        new ColumnSpec(
            s.kind(),
            s.unsigned(),
            s.length(),
            s.precision(),
            s.scale(),
            s.fsp(),
            s.collation(),
            false);
    boolean hasDefault = c.hasDefault() && c.defaultValue() != null;
    return new ColumnDefinition(
        c.name(), spec, c.typeText(), hasDefault, c.defaultValue(), c.autoIncrement(), c.comment());
  }

  int columnIndex(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfIgnoreCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
