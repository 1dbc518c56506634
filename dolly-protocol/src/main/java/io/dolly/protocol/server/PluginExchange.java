package io.dolly.protocol.server;

import io.dolly.protocol.auth.Account;
import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Password;
import io.dolly.protocol.auth.NativePassword;
import io.dolly.protocol.auth.Nonce;
import io.dolly.protocol.packet.AuthMoreData;
import io.dolly.protocol.packet.AuthSwitchRequest;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The server side of one authentication: switches the client to the account's plugin when needed
 * and runs that plugin's exchange. Answers only "authenticated or not"; the caller turns "not" into
 * the one access-denied error so that the reason is not revealed.
 */
final class PluginExchange {
  private final HandshakeSettings settings;
  private final PacketChannel channel;

  PluginExchange(HandshakeSettings settings, PacketChannel channel) {
    this.settings = settings;
    this.channel = channel;
  }

  /**
   * @param nonce the nonce the client's first response was computed with
   * @param clientPlugin the plugin the client used for {@code response} (null if unknown)
   * @param forceSwitch restart with a fresh nonce even if the plugins agree (COM_CHANGE_USER)
   */
  boolean authenticate(
      Account account, byte[] nonce, String clientPlugin, byte[] response, boolean forceSwitch)
      throws IOException {
    String plugin = account.plugin();
    byte[] activeNonce = nonce;
    if (forceSwitch || !plugin.equals(clientPlugin)) {
      if (!plugin.equals(AuthPlugin.MYSQL_NATIVE_PASSWORD)
          && !plugin.equals(AuthPlugin.CACHING_SHA2_PASSWORD)) {
        return false;
      }
      activeNonce = forceSwitch ? Nonce.generate() : nonce;
      channel.writePayload(new AuthSwitchRequest(plugin, activeNonce).encode());
      channel.flush();
      response = channel.readPayload();
    }
    return switch (plugin) {
      case AuthPlugin.MYSQL_NATIVE_PASSWORD ->
          NativePassword.verify(account.authenticationString(), activeNonce, withoutNul(response));
      case AuthPlugin.CACHING_SHA2_PASSWORD -> cachingSha2(account, activeNonce, response);
      default -> false;
    };
  }

  /** True when a response stands for "no password": empty, or the single NUL libmysql sends. */
  static boolean isEmpty(byte[] response) {
    return response.length == 0 || (response.length == 1 && response[0] == 0);
  }

  private static byte[] withoutNul(byte[] response) {
    return isEmpty(response) ? new byte[0] : response;
  }

  private boolean cachingSha2(Account account, byte[] nonce, byte[] response) throws IOException {
    String stored = account.authenticationString();
    if (isEmpty(response)) {
      return stored.isEmpty();
    }
    if (stored.isEmpty()) {
      return false;
    }
    Optional<byte[]> cached = settings.cache().get(account.user(), account.host());
    if (cached.isPresent() && CachingSha2Password.verifyScramble(cached.get(), nonce, response)) {
      channel.writePayload(status(CachingSha2Password.FAST_AUTH_SUCCESS));
      return true;
    }
    // A cache miss and a wrong scramble both ask for the password itself, as MySQL does.
    channel.writePayload(status(CachingSha2Password.PERFORM_FULL_AUTHENTICATION));
    channel.flush();
    byte[] answer = channel.readPayload();
    String password;
    if (channel.isTls()) {
      password = cleartext(answer);
    } else {
      if (settings.rsaKeys() == null) {
        return false;
      }
      if (answer.length == 1 && answer[0] == CachingSha2Password.REQUEST_PUBLIC_KEY) {
        byte[] pem = settings.rsaKeys().publicKeyPem().getBytes(StandardCharsets.US_ASCII);
        channel.writePayload(new AuthMoreData(pem).encode());
        channel.flush();
        answer = channel.readPayload();
      }
      try {
        password = settings.rsaKeys().decryptPassword(answer, nonce);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
    if (!CachingSha2Password.matches(stored, password)) {
      return false;
    }
    settings.cache().put(account.user(), account.host(), CachingSha2Password.cacheDigest(password));
    return true;
  }

  private static byte[] status(int code) {
    return new AuthMoreData(new byte[] {(byte) code}).encode();
  }

  private static String cleartext(byte[] answer) {
    int end = answer.length;
    if (end > 0 && answer[end - 1] == 0) {
      end--;
    }
    return new String(Arrays.copyOf(answer, end), StandardCharsets.UTF_8);
  }
}
