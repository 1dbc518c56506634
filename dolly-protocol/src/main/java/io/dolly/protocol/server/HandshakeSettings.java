package io.dolly.protocol.server;

import io.dolly.protocol.auth.AccountDirectory;
import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Cache;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.packet.Capability;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * What the server side of the connection phase needs; shared by all connections.
 *
 * @param serverVersion the version string in the greeting, e.g. {@code 8.0.40-dolly-0.1.0}
 * @param sslContext the server TLS context, or null to not offer TLS
 * @param rsaKeys the key pair for caching_sha2_password over plain TCP, or null to refuse that
 * @param databaseExists tells whether a database named at connect time exists
 * @param serverCapabilities the capabilities offered (CLIENT_SSL is added when TLS is available)
 */
public record HandshakeSettings(
    String serverVersion,
    AccountDirectory accounts,
    CachingSha2Cache cache,
    SSLContext sslContext,
    RsaKeys rsaKeys,
    boolean requireSecureTransport,
    Predicate<String> databaseExists,
    String defaultAuthPlugin,
    int serverCapabilities,
    int collationId) {

  public static final int DEFAULT_COLLATION = 255;

  /** Defaults: caching_sha2_password, utf8mb4_0900_ai_ci, every database accepted. */
  public static HandshakeSettings of(
      String serverVersion,
      AccountDirectory accounts,
      CachingSha2Cache cache,
      SSLContext sslContext,
      RsaKeys rsaKeys) {
    return new HandshakeSettings(
        serverVersion,
        accounts,
        cache,
        sslContext,
        rsaKeys,
        false,
        db -> true,
        AuthPlugin.CACHING_SHA2_PASSWORD,
        Capability.SERVER_DEFAULT,
        DEFAULT_COLLATION);
  }

  public HandshakeSettings withRequireSecureTransport(boolean require) {
    return new HandshakeSettings(
        serverVersion,
        accounts,
        cache,
        sslContext,
        rsaKeys,
        require,
        databaseExists,
        defaultAuthPlugin,
        serverCapabilities,
        collationId);
  }

  public HandshakeSettings withDatabaseExists(Predicate<String> exists) {
    return new HandshakeSettings(
        serverVersion,
        accounts,
        cache,
        sslContext,
        rsaKeys,
        requireSecureTransport,
        exists,
        defaultAuthPlugin,
        serverCapabilities,
        collationId);
  }

  public HandshakeSettings withDefaultAuthPlugin(String plugin) {
    return new HandshakeSettings(
        serverVersion,
        accounts,
        cache,
        sslContext,
        rsaKeys,
        requireSecureTransport,
        databaseExists,
        plugin,
        serverCapabilities,
        collationId);
  }

  /** The capabilities in the greeting. */
  int offeredCapabilities() {
    return sslContext == null
        ? serverCapabilities & ~Capability.CLIENT_SSL
        : serverCapabilities | Capability.CLIENT_SSL;
  }
}
