package io.dolly.server;

/** One line of SHOW PROCESSLIST as the server knows it. */
record ProcessRow(
    long id,
    String user,
    String host,
    String database,
    String command,
    long timeSeconds,
    String state,
    String info,
    long connectedAtMillis) {}
