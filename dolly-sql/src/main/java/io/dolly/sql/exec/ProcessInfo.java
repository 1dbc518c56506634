package io.dolly.sql.exec;

/**
 * One line of SHOW PROCESSLIST as the server knows it.
 *
 * @param info the statement text being run (passwords already rewritten), or null
 */
public record ProcessInfo(
    long id,
    String user,
    String host,
    String database,
    String command,
    long timeSeconds,
    String state,
    String info) {}
