package io.dolly.protocol.packet;

/** Capability flags ({@code CLIENT_*}) exchanged in the handshake; bit values as MySQL defines. */
public final class Capability {
  public static final int CLIENT_LONG_PASSWORD = 1;
  public static final int CLIENT_FOUND_ROWS = 1 << 1;
  public static final int CLIENT_LONG_FLAG = 1 << 2;
  public static final int CLIENT_CONNECT_WITH_DB = 1 << 3;
  public static final int CLIENT_NO_SCHEMA = 1 << 4;
  public static final int CLIENT_COMPRESS = 1 << 5;
  public static final int CLIENT_ODBC = 1 << 6;
  public static final int CLIENT_LOCAL_FILES = 1 << 7;
  public static final int CLIENT_IGNORE_SPACE = 1 << 8;
  public static final int CLIENT_PROTOCOL_41 = 1 << 9;
  public static final int CLIENT_INTERACTIVE = 1 << 10;
  public static final int CLIENT_SSL = 1 << 11;
  public static final int CLIENT_IGNORE_SIGPIPE = 1 << 12;
  public static final int CLIENT_TRANSACTIONS = 1 << 13;
  public static final int CLIENT_RESERVED = 1 << 14;
  public static final int CLIENT_SECURE_CONNECTION = 1 << 15;
  public static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
  public static final int CLIENT_MULTI_RESULTS = 1 << 17;
  public static final int CLIENT_PS_MULTI_RESULTS = 1 << 18;
  public static final int CLIENT_PLUGIN_AUTH = 1 << 19;
  public static final int CLIENT_CONNECT_ATTRS = 1 << 20;
  public static final int CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
  public static final int CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS = 1 << 22;
  public static final int CLIENT_SESSION_TRACK = 1 << 23;
  public static final int CLIENT_DEPRECATE_EOF = 1 << 24;
  public static final int CLIENT_OPTIONAL_RESULTSET_METADATA = 1 << 25;
  public static final int CLIENT_ZSTD_COMPRESSION_ALGORITHM = 1 << 26;
  public static final int CLIENT_QUERY_ATTRIBUTES = 1 << 27;
  public static final int MULTI_FACTOR_AUTHENTICATION = 1 << 28;
  public static final int CLIENT_CAPABILITY_EXTENSION = 1 << 29;
  public static final int CLIENT_SSL_VERIFY_SERVER_CERT = 1 << 30;
  public static final int CLIENT_REMEMBER_OPTIONS = 1 << 31;

  /**
   * What Dolly's server offers. Compression, session tracking, optional metadata, query attributes
   * and multi-factor auth are not implemented, so they are not offered (clients fall back).
   */
  public static final int SERVER_DEFAULT =
      CLIENT_LONG_PASSWORD
          | CLIENT_FOUND_ROWS
          | CLIENT_LONG_FLAG
          | CLIENT_CONNECT_WITH_DB
          | CLIENT_NO_SCHEMA
          | CLIENT_ODBC
          | CLIENT_IGNORE_SPACE
          | CLIENT_PROTOCOL_41
          | CLIENT_INTERACTIVE
          | CLIENT_IGNORE_SIGPIPE
          | CLIENT_TRANSACTIONS
          | CLIENT_RESERVED
          | CLIENT_SECURE_CONNECTION
          | CLIENT_MULTI_STATEMENTS
          | CLIENT_MULTI_RESULTS
          | CLIENT_PS_MULTI_RESULTS
          | CLIENT_PLUGIN_AUTH
          | CLIENT_CONNECT_ATTRS
          | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
          | CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS
          | CLIENT_DEPRECATE_EOF;

  /** What Dolly's own client asks for (intersected with the server's offer). */
  public static final int CLIENT_DEFAULT =
      CLIENT_LONG_PASSWORD
          | CLIENT_LONG_FLAG
          | CLIENT_PROTOCOL_41
          | CLIENT_TRANSACTIONS
          | CLIENT_SECURE_CONNECTION
          | CLIENT_MULTI_RESULTS
          | CLIENT_PS_MULTI_RESULTS
          | CLIENT_PLUGIN_AUTH
          | CLIENT_CONNECT_ATTRS
          | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
          | CLIENT_DEPRECATE_EOF;

  private Capability() {}

  public static boolean has(int capabilities, int flag) {
    return (capabilities & flag) != 0;
  }
}
