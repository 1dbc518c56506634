package io.dolly.storage.catalog;

/** CREATE DATABASE of an existing schema (MySQL 1007). */
public final class SchemaExistsException extends CatalogException {
  private final String schema;

  public SchemaExistsException(String schema) {
    super("Can't create database '" + schema + "'; database exists");
    this.schema = schema;
  }

  public String schema() {
    return schema;
  }
}
