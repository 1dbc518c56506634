package io.dolly.storage.catalog;

/** The schema does not exist (MySQL 1049). */
public final class NoSuchSchemaException extends CatalogException {
  private final String schema;

  public NoSuchSchemaException(String schema) {
    super("Unknown database '" + schema + "'");
    this.schema = schema;
  }

  public String schema() {
    return schema;
  }
}
