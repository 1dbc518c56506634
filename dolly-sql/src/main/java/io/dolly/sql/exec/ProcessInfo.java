package io.dolly.sql.exec;

/**
 * One connection as the server knows it: a line of SHOW PROCESSLIST, of
 * information_schema.PROCESSLIST and of performance_schema.threads.
 *
 * @param info the statement text being run (passwords already rewritten), or null
 * @param tlsVersion the protocol of the connection's TLS session, or null over plain TCP
 * @param tlsCipher the cipher suite of the connection's TLS session, or null over plain TCP
 */
public record ProcessInfo(
    long id,
    String user,
    String host,
    String database,
    String command,
    long timeSeconds,
    String state,
    String info,
    String tlsVersion,
    String tlsCipher) {

  /** performance_schema.threads.CONNECTION_TYPE: {@code SSL/TLS} or {@code TCP/IP}. */
  public String connectionType() {
    return tlsCipher == null ? "TCP/IP" : "SSL/TLS";
  }
}
