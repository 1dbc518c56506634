package io.dolly.sql.exec;

import io.dolly.sql.ast.Statement;

/**
 * Runs one kind of statement on behalf of another layer; registered with {@link
 * SqlEngine#registerHandler}, e.g. by the clone module for CLONE statements.
 */
@FunctionalInterface
public interface StatementHandler {
  StatementResult execute(Statement statement, SqlSession session);
}
