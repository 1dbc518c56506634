package io.dolly.storage.catalog;

/** DDL that would drop, rebuild or rename a table kept in the system tablespace. */
public final class SystemTableException extends CatalogException {
  private final String schema;
  private final String table;

  public SystemTableException(String schema, String table, String what) {
    super("table " + schema + "." + table + " lives in mysql.ibd and cannot be " + what);
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
