package io.dolly.protocol.server;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Password;
import io.dolly.protocol.auth.NativePassword;
import io.dolly.protocol.auth.Nonce;
import io.dolly.protocol.auth.PasswordHasher;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.Capability;
import io.dolly.protocol.packet.ChangeUserRequest;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.HandshakeResponse41;
import io.dolly.protocol.packet.HandshakeV10;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.packet.ServerStatus;
import io.dolly.protocol.packet.SslRequest;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of the connection phase: greeting, optional TLS upgrade, handshake response,
 * authentication with the account's plugin, and the final OK or ERR. Also re-authenticates for
 * COM_CHANGE_USER. One instance serves all connections.
 *
 * <p>Every failure is sent to the client as an ERR packet and then thrown as {@link
 * MysqlException}; the caller closes the connection. Unknown users are authenticated against a
 * random credential so that timing and packet flow do not reveal whether the user exists.
 */
public final class ServerHandshake {
  private final HandshakeSettings settings;
  private final Account decoyNative;
  private final Account decoySha2;

  public ServerHandshake(HandshakeSettings settings) {
    this.settings = settings;
    String random = Base64.getEncoder().encodeToString(Nonce.generate(24));
    this.decoyNative = decoy(AuthPlugin.MYSQL_NATIVE_PASSWORD, NativePassword.storedForm(random));
    this.decoySha2 =
        decoy(AuthPlugin.CACHING_SHA2_PASSWORD, CachingSha2Password.storedForm(random));
  }

  private static Account decoy(String plugin, String stored) {
    return new Account("\0unknown", "%", plugin, stored, false, false, false);
  }

  public HandshakeSettings settings() {
    return settings;
  }

  /**
   * Runs the connection phase on a fresh connection. The caller sets the read timeout
   * (connect_timeout) beforehand.
   */
  public HandshakeResult perform(PacketChannel channel, long connectionId) throws IOException {
    channel.resetSequence();
    byte[] nonce = Nonce.generate();
    int offered = settings.offeredCapabilities();
    HandshakeV10 greeting =
        new HandshakeV10(
            settings.serverVersion(),
            connectionId,
            nonce,
            offered,
            settings.collationId(),
            ServerStatus.AUTOCOMMIT,
            settings.defaultAuthPlugin());
    channel.writePayload(greeting.encode());
    channel.flush();
    try {
      byte[] payload = channel.readPayload();
      if (SslRequest.matches(payload)) {
        if (settings.sslContext() == null) {
          throw new MysqlException(ErrorCode.ER_HANDSHAKE_ERROR);
        }
        channel.upgradeToTls(settings.sslContext(), false);
        payload = channel.readPayload();
      }
      HandshakeResponse41 response;
      try {
        response = HandshakeResponse41.decode(payload);
      } catch (MalformedPacketException e) {
        throw new MysqlException(e, ErrorCode.ER_HANDSHAKE_ERROR);
      }
      int capabilities = response.capabilities() & offered;
      String clientPlugin =
          Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH)
              ? response.authPluginName()
              : AuthPlugin.MYSQL_NATIVE_PASSWORD;
      String database =
          Capability.has(capabilities, Capability.CLIENT_CONNECT_WITH_DB)
                  && response.database() != null
                  && !response.database().isEmpty()
              ? response.database()
              : null;
      Attempt attempt =
          new Attempt(
              response.user(),
              ClientHost.of(channel.socket()),
              clientPlugin,
              response.authResponse(),
              capabilities,
              database,
              response.collationId(),
              response.connectAttributes());
      return admit(channel, nonce, attempt, false);
    } catch (MysqlException e) {
      sendError(channel, e);
      throw e;
    }
  }

  /**
   * Re-authenticates for COM_CHANGE_USER. {@code payload} is the whole command packet (starting
   * with 0x11), already read from {@code channel}. The client is always switched to the new
   * account's plugin with a fresh nonce.
   */
  public HandshakeResult changeUser(PacketChannel channel, byte[] payload, HandshakeResult current)
      throws IOException {
    try {
      ChangeUserRequest request;
      try {
        request = ChangeUserRequest.decode(payload, current.clientCapabilities());
      } catch (MalformedPacketException e) {
        throw new MysqlException(e, ErrorCode.ER_UNKNOWN_COM_ERROR);
      }
      String db =
          request.database() == null || request.database().isEmpty() ? null : request.database();
      Attempt attempt =
          new Attempt(
              request.user(),
              current.clientHost(),
              request.authPluginName(),
              request.authResponse(),
              current.clientCapabilities(),
              db,
              request.collationId() == 0 ? current.collationId() : request.collationId(),
              request.connectAttributes().isEmpty()
                  ? current.connectAttributes()
                  : request.connectAttributes());
      return admit(channel, null, attempt, true);
    } catch (MysqlException e) {
      sendError(channel, e);
      throw e;
    }
  }

  /** The account {@code user}@{@code clientHost} if {@code password} is its password. */
  public Optional<Account> verifyPassword(String user, String clientHost, String password) {
    return settings
        .accounts()
        .find(user, clientHost)
        .filter(a -> !a.locked())
        .filter(a -> PasswordHasher.matches(a.plugin(), a.authenticationString(), password));
  }

  private record Attempt(
      String user,
      String clientHost,
      String clientPlugin,
      byte[] response,
      int capabilities,
      String database,
      int collationId,
      Map<String, String> attributes) {}

  private HandshakeResult admit(PacketChannel channel, byte[] nonce, Attempt a, boolean forceSwitch)
      throws IOException {
    if (settings.requireSecureTransport() && !channel.isTls()) {
      throw new MysqlException(ErrorCode.ER_SECURE_TRANSPORT_REQUIRED);
    }
    boolean usingPassword = !PluginExchange.isEmpty(a.response());
    Optional<Account> found = settings.accounts().find(a.user(), a.clientHost());
    Account account =
        found.orElse(
            AuthPlugin.MYSQL_NATIVE_PASSWORD.equals(a.clientPlugin()) ? decoyNative : decoySha2);
    boolean authenticated =
        new PluginExchange(settings, channel)
            .authenticate(account, nonce, a.clientPlugin(), a.response(), forceSwitch);
    if (!authenticated
        || found.isEmpty()
        || account.locked()
        || (account.requireSsl() && !channel.isTls())) {
      throw new MysqlException(
          ErrorCode.ER_ACCESS_DENIED_ERROR, a.user(), a.clientHost(), usingPassword ? "YES" : "NO");
    }
    boolean expired = account.passwordExpired();
    if (expired
        && !Capability.has(a.capabilities(), Capability.CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS)) {
      throw new MysqlException(ErrorCode.ER_MUST_CHANGE_PASSWORD_LOGIN);
    }
    if (a.database() != null && !settings.accounts().mayUse(account, a.database())) {
      throw new MysqlException(
          ErrorCode.ER_DBACCESS_DENIED_ERROR, a.user(), a.clientHost(), a.database());
    }
    if (a.database() != null && !settings.databaseExists().test(a.database())) {
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, a.database());
    }
    channel.writePayload(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0).encode(a.capabilities()));
    channel.flush();
    return new HandshakeResult(
        account,
        a.user(),
        a.clientHost(),
        a.database(),
        a.capabilities(),
        a.collationId(),
        a.attributes(),
        channel.isTls(),
        channel.tlsVersion(),
        channel.tlsCipher(),
        expired);
  }

  private static void sendError(PacketChannel channel, MysqlException e) {
    try {
      channel.writePayload(ErrPacket.of(e).encode());
      channel.flush();
    } catch (IOException | RuntimeException ignored) {
      // The connection is going away anyway; the caller sees the original error.
    }
  }
}
