package io.dolly.sql.exec;

import io.dolly.storage.catalog.TableDefinition;

/** Rows as storage returns them, turned into SQL values column by column. */
final class StoredRows {
  private StoredRows() {}

  static Value[] values(TableDefinition def, Object[] stored) {
    Value[] values = new Value[stored.length];
    for (int i = 0; i < stored.length; i++) {
      values[i] = StoredValues.toValue(def.columns().get(i).spec(), stored[i]);
    }
    return values;
  }
}
