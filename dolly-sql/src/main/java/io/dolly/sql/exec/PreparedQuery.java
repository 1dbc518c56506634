package io.dolly.sql.exec;

import io.dolly.sql.ast.Statement;

/**
 * A statement prepared with COM_STMT_PREPARE.
 *
 * @param text the statement as written, for SHOW PROCESSLIST
 * @param parameterCount the number of {@code ?} placeholders (COM_STMT_PREPARE_OK num_params)
 */
public record PreparedQuery(Statement statement, String text, int parameterCount) {}
