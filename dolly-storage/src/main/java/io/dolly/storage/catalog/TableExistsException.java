package io.dolly.storage.catalog;

/** CREATE TABLE or RENAME onto an existing table (MySQL 1050). */
public final class TableExistsException extends CatalogException {
  private final String schema;
  private final String table;

  public TableExistsException(String schema, String table) {
    super("Table '" + table + "' already exists");
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
