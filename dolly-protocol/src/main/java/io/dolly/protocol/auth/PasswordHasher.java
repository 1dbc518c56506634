package io.dolly.protocol.auth;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;

/**
 * Turns a cleartext password into the stored {@code authentication_string} of a plugin (for CREATE
 * USER / ALTER USER), and checks a cleartext password against one.
 */
public final class PasswordHasher {
  private PasswordHasher() {}

  /**
   * @throws MysqlException ER_PLUGIN_IS_NOT_LOADED for a plugin Dolly does not implement
   */
  public static String hash(String plugin, String cleartext) {
    return switch (plugin) {
      case AuthPlugin.CACHING_SHA2_PASSWORD -> CachingSha2Password.storedForm(cleartext);
      case AuthPlugin.MYSQL_NATIVE_PASSWORD -> NativePassword.storedForm(cleartext);
      default -> throw new MysqlException(ErrorCode.ER_PLUGIN_IS_NOT_LOADED, plugin);
    };
  }

  public static boolean matches(String plugin, String stored, String cleartext) {
    return switch (plugin) {
      case AuthPlugin.CACHING_SHA2_PASSWORD -> CachingSha2Password.matches(stored, cleartext);
      case AuthPlugin.MYSQL_NATIVE_PASSWORD -> NativePassword.matches(stored, cleartext);
      default -> false;
    };
  }
}
