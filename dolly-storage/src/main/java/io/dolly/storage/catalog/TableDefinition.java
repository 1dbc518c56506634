package io.dolly.storage.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table. options: lower-case table option names to their text ("engine" -> "InnoDB", "charset" ->
 * "utf8mb4", "collate" -> "utf8mb4_0900_ai_ci", "comment" -> "...", "row_format"...), kept in
 * order. A table without a PRIMARY index gets a hidden 6-byte row id as clustered key.
 */
public record TableDefinition(
    String schema,
    String name,
    List<ColumnDefinition> columns,
    List<IndexDefinition> indexes,
    Map<String, String> options) {
  public TableDefinition {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The position of the column named {@code name} (case-insensitive, as MySQL), or -1. */
  public int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<IndexDefinition> primaryKey() {
    return indexes.stream().filter(i -> i.kind() == IndexKind.PRIMARY).findFirst();
  }

  /** The index named {@code name} (case-insensitive), or empty. */
  public Optional<IndexDefinition> index(String name) {
    return indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The AUTO_INCREMENT column's position, or -1. */
  public int autoIncrementColumn() {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).autoIncrement()) {
        return i;
      }
    }
    return -1;
  }

  /** The same table under another schema and name. */
  public TableDefinition renamed(String newSchema, String newName) {
    return new TableDefinition(newSchema, newName, columns, indexes, options);
  }
}
