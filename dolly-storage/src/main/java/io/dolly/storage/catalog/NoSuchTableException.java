package io.dolly.storage.catalog;

/** The table does not exist, or a {@link Table} was used after its drop (MySQL 1146). */
public final class NoSuchTableException extends CatalogException {
  private final String schema;
  private final String table;

  public NoSuchTableException(String schema, String table) {
    super("Table '" + schema + "." + table + "' doesn't exist");
    this.schema = schema;
    this.table = table;
  }

  public String schema() {
    return schema;
  }

  public String table() {
    return table;
  }
}
