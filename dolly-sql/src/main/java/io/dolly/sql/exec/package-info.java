/**
 * Running statements: {@link io.dolly.sql.exec.SqlEngine} (one per server) opens a {@link
 * io.dolly.sql.exec.SqlSession} per connection; results come back as {@link
 * io.dolly.sql.exec.StatementResult}s through a {@link io.dolly.sql.exec.ResultSink}.
 */
package io.dolly.sql.exec;
