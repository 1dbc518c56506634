package io.dolly.sql.ast;

/**
 * A column definition of CREATE/ALTER TABLE.
 *
 * @param nullable TRUE for NULL, FALSE for NOT NULL, null when not written
 * @param defaultValue the DEFAULT expression, or null
 * @param onUpdate the ON UPDATE expression, or null
 */
public record ColumnDef(
    String name,
    DataType type,
    Boolean nullable,
    Expression defaultValue,
    Expression onUpdate,
    boolean autoIncrement,
    boolean unique,
    boolean primaryKey,
    String comment) {}
