package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a FROM clause makes visible: each table (or derived table) is bound under its alias,
 * and a row of the clause is one array holding every bound table's columns side by side.
 */
final class FromScope {
  /** One table of the clause; its columns start at {@code offset} in the row. */
  record Binding(
      String schema, String alias, List<ColumnMeta> columns, int offset, boolean qualifiedOnly) {
    int width() {
      return columns.size();
    }
  }

  private final List<Binding> bindings = new ArrayList<>();
  private int width;

  Binding add(String schema, String alias, List<ColumnMeta> columns) {
    return add(schema, alias, columns, false);
  }

  /**
   * Binds a table whose columns only qualified references see, such as the row ON DUPLICATE KEY
   * UPDATE would have inserted (its columns have the same names as the table's).
   */
  Binding addQualifiedOnly(String schema, String alias, List<ColumnMeta> columns) {
    return add(schema, alias, columns, true);
  }

  private Binding add(String schema, String alias, List<ColumnMeta> columns, boolean hidden) {
    for (Binding b : bindings) {
      if (b.alias().equalsIgnoreCase(alias)) {
        throw new MysqlException(ErrorCode.ER_NONUNIQ_TABLE, alias);
      }
    }
    Binding b = new Binding(schema, alias, List.copyOf(columns), width, hidden);
    bindings.add(b);
    width += columns.size();
    return b;
  }

  void addAll(FromScope other) {
    for (Binding b : other.bindings) {
      add(b.schema(), b.alias(), b.columns(), b.qualifiedOnly());
    }
  }

  List<Binding> bindings() {
    return bindings;
  }

  int width() {
    return width;
  }

  /** All columns in row order, as SELECT * lists them. */
  List<ColumnMeta> columns() {
    List<ColumnMeta> all = new ArrayList<>(width);
    for (Binding b : bindings) {
      all.addAll(b.columns());
    }
    return all;
  }

  /**
   * The row position of a column reference ({@code col}, {@code t.col} or {@code db.t.col}), or -1
   * when no table of this clause has it.
   *
   * @throws MysqlException 1052 when an unqualified name is in more than one table
   */
  int resolve(List<String> parts) {
    String name = parts.getLast();
    String table = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    String schema = parts.size() >= 3 ? parts.get(parts.size() - 3) : null;
    int found = -1;
    for (Binding b : bindings) {
      if (table != null ? !b.alias().equalsIgnoreCase(table) : b.qualifiedOnly()) {
        continue;
      }
      if (schema != null && (b.schema() == null || !b.schema().equalsIgnoreCase(schema))) {
        continue;
      }
      for (int i = 0; i < b.columns().size(); i++) {
        if (b.columns().get(i).name().equalsIgnoreCase(name)) {
          if (found >= 0) {
            throw new MysqlException(ErrorCode.ER_NON_UNIQ_ERROR, name, "field list");
          }
          found = b.offset() + i;
        }
      }
    }
    return found;
  }

  /** The binding a qualifier names, or null. */
  Binding binding(String alias) {
    for (Binding b : bindings) {
      if (b.alias().equalsIgnoreCase(alias)) {
        return b;
      }
    }
    return null;
  }
}
