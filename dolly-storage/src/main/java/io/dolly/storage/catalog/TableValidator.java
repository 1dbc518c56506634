package io.dolly.storage.catalog;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What storage needs of a definition before it builds a table. The SQL layer checks everything with
 * MySQL's messages first; these checks keep a bad definition from reaching the dictionary.
 */
final class TableValidator {
  private TableValidator() {}

  static void check(TableDefinition d) {
    if (d.columns().isEmpty()) {
      throw new IllegalArgumentException("A table must have at least 1 column");
    }
    Set<String> names = new HashSet<>();
    for (ColumnDefinition c : d.columns()) {
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("Duplicate column name '" + c.name() + "'");
      }
    }
    if (d.columns().stream().filter(ColumnDefinition::autoIncrement).count() > 1) {
      throw new IllegalArgumentException(
          "Incorrect table definition; there can be only one auto column");
    }
    Set<String> indexes = new HashSet<>();
    int primaries = 0;
    for (IndexDefinition x : d.indexes()) {
      if (!indexes.add(x.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("Duplicate key name '" + x.name() + "'");
      }
      if (x.kind() == IndexKind.PRIMARY) {
        primaries++;
      }
      for (int i = 0; i < x.columns().size(); i++) {
        int p = d.column(x.columns().get(i));
        if (p < 0) {
          throw new IllegalArgumentException(
              "Key column '" + x.columns().get(i) + "' doesn't exist in table");
        }
        var kind = d.columns().get(p).spec().kind();
        if (x.prefixLengths().get(i) > 0 && !kind.isString() && !kind.isBinary()) {
          throw new IllegalArgumentException(
              "Incorrect prefix key; the used key part isn't a string");
        }
      }
    }
    if (primaries > 1) {
      throw new IllegalArgumentException("Multiple primary key defined");
    }
  }
}
