package io.dolly.sql.ast;

public record OrderItem(Expression expression, boolean descending) {}
