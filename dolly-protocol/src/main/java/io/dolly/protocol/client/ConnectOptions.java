package io.dolly.protocol.client;

import javax.net.ssl.SSLContext;

/**
 * Where and how to connect.
 *
 * @param database the default database, or null
 * @param sslContext the TLS context; null means "trust any server certificate", which is refused
 *     for {@link SslMode#VERIFY_CA}
 * @param connectTimeoutMillis limit for the TCP connect and for each read of the handshake
 * @param readTimeoutMillis limit for each read after the handshake; 0 waits forever
 * @param canHandleExpiredPasswords declare CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS, so an account with
 *     an expired password may log in (only to change it)
 */
public record ConnectOptions(
    String host,
    int port,
    String user,
    String password,
    String database,
    SslMode sslMode,
    SSLContext sslContext,
    int connectTimeoutMillis,
    int readTimeoutMillis,
    boolean canHandleExpiredPasswords) {

  public ConnectOptions(
      String host,
      int port,
      String user,
      String password,
      String database,
      SslMode sslMode,
      SSLContext sslContext,
      int connectTimeoutMillis,
      int readTimeoutMillis) {
    this(
        host,
        port,
        user,
        password,
        database,
        sslMode,
        sslContext,
        connectTimeoutMillis,
        readTimeoutMillis,
        false);
  }

  public static ConnectOptions of(String host, int port, String user, String password) {
    return new ConnectOptions(host, port, user, password, null, SslMode.PREFERRED, null, 10_000, 0);
  }

  public ConnectOptions withSsl(SslMode mode, SSLContext context) {
    return new ConnectOptions(
        host,
        port,
        user,
        password,
        database,
        mode,
        context,
        connectTimeoutMillis,
        readTimeoutMillis,
        canHandleExpiredPasswords);
  }

  public ConnectOptions withDatabase(String db) {
    return new ConnectOptions(
        host,
        port,
        user,
        password,
        db,
        sslMode,
        sslContext,
        connectTimeoutMillis,
        readTimeoutMillis);
  }

  public ConnectOptions withTimeouts(int connectMillis, int readMillis) {
    return new ConnectOptions(
        host,
        port,
        user,
        password,
        database,
        sslMode,
        sslContext,
        connectMillis,
        readMillis,
        canHandleExpiredPasswords);
  }

  public ConnectOptions withExpiredPasswordSupport() {
    return new ConnectOptions(
        host,
        port,
        user,
        password,
        database,
        sslMode,
        sslContext,
        connectTimeoutMillis,
        readTimeoutMillis,
        true);
  }
}
