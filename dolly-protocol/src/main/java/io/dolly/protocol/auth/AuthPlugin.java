package io.dolly.protocol.auth;

/** Names of the authentication plugins Dolly speaks, as they appear on the wire and in rows. */
public final class AuthPlugin {
  public static final String MYSQL_NATIVE_PASSWORD = "mysql_native_password";
  public static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";
  public static final String MYSQL_CLEAR_PASSWORD = "mysql_clear_password";

  private AuthPlugin() {}
}
