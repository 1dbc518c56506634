package io.dolly.protocol.client;

import io.dolly.protocol.auth.AuthPlugin;
import io.dolly.protocol.auth.CachingSha2Password;
import io.dolly.protocol.auth.NativePassword;
import io.dolly.protocol.auth.RsaKeys;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.packet.AuthMoreData;
import io.dolly.protocol.packet.AuthSwitchRequest;
import io.dolly.protocol.packet.ErrPacket;
import io.dolly.protocol.packet.OkPacket;
import io.dolly.protocol.tls.PemFiles;
import io.dolly.protocol.wire.PacketChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The client side of the authentication exchange after the handshake response: follows auth
 * switches, answers caching_sha2_password's fast/full-auth status (cleartext over TLS, RSA with a
 * requested public key otherwise) until the server's OK or ERR.
 */
final class ClientAuthentication {
  private final PacketChannel channel;
  private final String password;
  private String plugin;
  private byte[] nonce;

  ClientAuthentication(PacketChannel channel, String password, String plugin, byte[] nonce) {
    this.channel = channel;
    this.password = password;
    this.plugin = plugin;
    this.nonce = nonce;
  }

  /** The first response for {@code plugin}. */
  static byte[] initialResponse(String plugin, String password, byte[] nonce) {
    return switch (plugin) {
      case AuthPlugin.MYSQL_NATIVE_PASSWORD -> NativePassword.scramble(password, nonce);
      case AuthPlugin.CACHING_SHA2_PASSWORD -> CachingSha2Password.scramble(password, nonce);
      default ->
          throw new MysqlException(
              ErrorCode.CR_AUTH_PLUGIN_CANNOT_LOAD, plugin, "plugin not supported");
    };
  }

  /** Runs until the server accepts (returns its OK payload) or refuses (throws). */
  byte[] finish() throws IOException {
    while (true) {
      byte[] p = channel.readPayload();
      if (p.length == 0) {
        throw new MysqlException(ErrorCode.CR_MALFORMED_PACKET);
      }
      int header = p[0] & 0xff;
      if (header == OkPacket.HEADER_OK) {
        return p;
      } else if (header == ErrPacket.HEADER) {
        throw ErrPacket.decode(p).toException();
      } else if (header == AuthSwitchRequest.HEADER) {
        AuthSwitchRequest sw = AuthSwitchRequest.decode(p);
        plugin = sw.pluginName();
        nonce = sw.pluginData();
        channel.send(initialResponse(plugin, password, nonce));
      } else if (header == AuthMoreData.HEADER && plugin.equals(AuthPlugin.CACHING_SHA2_PASSWORD)) {
        moreData(AuthMoreData.decode(p).data());
      } else {
        throw new MysqlException(ErrorCode.CR_MALFORMED_PACKET);
      }
    }
  }

  private void moreData(byte[] data) throws IOException {
    if (data.length == 1 && data[0] == CachingSha2Password.FAST_AUTH_SUCCESS) {
      return; // the OK follows
    }
    if (data.length != 1 || data[0] != CachingSha2Password.PERFORM_FULL_AUTHENTICATION) {
      throw new MysqlException(ErrorCode.CR_MALFORMED_PACKET);
    }
    if (channel.isTls()) {
      byte[] pw = password.getBytes(StandardCharsets.UTF_8);
      channel.send(Arrays.copyOf(pw, pw.length + 1));
      return;
    }
    channel.send(new byte[] {CachingSha2Password.REQUEST_PUBLIC_KEY});
    byte[] reply = channel.readPayload();
    if (ErrPacket.matches(reply)) {
      throw ErrPacket.decode(reply).toException();
    }
    String pem = new String(AuthMoreData.decode(reply).data(), StandardCharsets.US_ASCII);
    try {
      channel.send(RsaKeys.encryptPassword(password, nonce, PemFiles.parsePublicKey(pem)));
    } catch (GeneralSecurityException | IOException e) {
      throw new MysqlException(
          e, ErrorCode.CR_AUTH_PLUGIN_ERR, plugin, "cannot encrypt with the server's public key");
    }
  }
}
