package io.dolly.sql.exec;

/** What one statement produced: an OK ({@link UpdateResult}) or a {@link ResultSet}. */
public sealed interface StatementResult permits UpdateResult, ResultSet {}
