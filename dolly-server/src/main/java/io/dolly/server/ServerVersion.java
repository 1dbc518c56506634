package io.dolly.server;

/**
 * What the server calls itself. The MySQL 8.0 prefix makes clients enable their MySQL 8
 * behaviour (caching_sha2_password, performance_schema, ...); the suffix names Dolly.
 */
public final class ServerVersion {
  public static final String MYSQL = "8.0.40";
  public static final String DOLLY = "0.1.0";
  public static final String FULL = MYSQL + "-dolly-" + DOLLY;
  public static final String COMMENT = "Dolly, a MySQL-compatible server that clones itself";

  private ServerVersion() {}
}
