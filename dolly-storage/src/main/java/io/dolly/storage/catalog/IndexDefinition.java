package io.dolly.storage.catalog;

import java.util.List;

/**
 * One index. kind PRIMARY has the name "PRIMARY". prefixLengths has one entry per column: 0 = the
 * whole column, else the leading characters (strings) or bytes (binary) that are indexed; an empty
 * list means whole columns.
 */
public record IndexDefinition(
    String name, IndexKind kind, List<String> columns, List<Integer> prefixLengths) {
  public IndexDefinition {
    columns = List.copyOf(columns);
    prefixLengths =
        prefixLengths == null || prefixLengths.isEmpty()
            ? java.util.Collections.nCopies(columns.size(), 0)
            : List.copyOf(prefixLengths);
    if (columns.isEmpty() || columns.size() != prefixLengths.size()) {
      throw new IllegalArgumentException(
          "index "
              + name
              + ": "
              + columns.size()
              + " columns, "
              + prefixLengths.size()
              + " lengths");
    }
  }

  /** An index on whole columns. */
  public static IndexDefinition of(String name, IndexKind kind, String... columns) {
    return new IndexDefinition(
        name, kind, List.of(columns), java.util.Collections.nCopies(columns.length, 0));
  }

  public boolean unique() {
    return kind != IndexKind.INDEX;
  }
}
