package io.dolly.storage.catalog;

import io.dolly.storage.record.ColumnSpec;

/**
 * One column. typeText is what SHOW CREATE TABLE / information_schema.COLUMNS.COLUMN_TYPE show
 * ("int", "varchar(20)", "decimal(10,2)", "int unsigned"); defaultValue is the default as SQL text
 * exactly as the SQL layer wants it back (null with hasDefault=false: no default; null with
 * hasDefault=true: DEFAULT NULL); comment may be "".
 */
public record ColumnDefinition(
    String name,
    ColumnSpec spec,
    String typeText,
    boolean hasDefault,
    String defaultValue,
    boolean autoIncrement,
    String comment) {}
