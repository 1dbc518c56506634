package io.dolly.sql.ast;

/** {@code column = value} in UPDATE, INSERT ... SET and ON DUPLICATE KEY UPDATE. */
public record Assignment(Expression.ColumnRef column, Expression value) {}
