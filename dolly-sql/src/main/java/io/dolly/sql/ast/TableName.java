package io.dolly.sql.ast;

/** A table name with optional schema. */
public record TableName(String schema, String name) {}
