package io.dolly.sql.ast;

/** LIMIT count [OFFSET offset]; offset null when absent. */
public record Limit(Expression count, Expression offset) {}
