package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server's greeting, the first packet of a connection.
 *
 * <pre>
 * int<1>   protocol version (10)
 * string<NUL> server version
 * int<4>   connection id
 * string<8> auth-plugin-data part 1
 * int<1>   filler 0
 * int<2>   capability flags, lower half
 * int<1>   character set (collation id)
 * int<2>   status flags
 * int<2>   capability flags, upper half
 * int<1>   length of auth-plugin-data (0 without CLIENT_PLUGIN_AUTH)
 * string<10> reserved, all zero
 * string<max(13, len - 8)> auth-plugin-data part 2 (with CLIENT_SECURE_CONNECTION), NUL-ended
 * string<NUL> auth plugin name (with CLIENT_PLUGIN_AUTH)
 * </pre>
 *
 * @param authPluginData the nonce (20 bytes for MySQL's plugins), without its terminating NUL
 */
public record HandshakeV10(
    String serverVersion,
    long connectionId,
    byte[] authPluginData,
    int capabilities,
    int collationId,
    int statusFlags,
    String authPluginName) {

  public static final int PROTOCOL_VERSION = 10;
  private static final int PART1_LENGTH = 8;
  private static final int RESERVED_LENGTH = 10;
  private static final int MIN_PART2_LENGTH = 13;

  public byte[] encode() {
    PayloadWriter w = new PayloadWriter(128);
    w.int1(PROTOCOL_VERSION).nulString(serverVersion).int4(connectionId);
    byte[] part1 = Arrays.copyOf(authPluginData, PART1_LENGTH);
    w.bytes(part1).int1(0);
    w.int2(capabilities & 0xffff).int1(collationId).int2(statusFlags).int2(capabilities >>> 16);
    boolean pluginAuth = Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH);
    w.int1(pluginAuth ? authPluginData.length + 1 : 0);
    w.zeros(RESERVED_LENGTH);
    if (Capability.has(capabilities, Capability.CLIENT_SECURE_CONNECTION)) {
      int part2Len = Math.max(MIN_PART2_LENGTH, authPluginData.length + 1 - PART1_LENGTH);
      byte[] part2 = new byte[part2Len];
      int tail = Math.max(0, authPluginData.length - PART1_LENGTH);
      System.arraycopy(
          authPluginData, Math.min(PART1_LENGTH, authPluginData.length), part2, 0, tail);
      w.bytes(part2);
    }
    if (pluginAuth) {
      w.nulString(authPluginName);
    }
    return w.toByteArray();
  }

  public static HandshakeV10 decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    int version = r.int1();
    if (version != PROTOCOL_VERSION) {
      throw new MalformedPacketException("unsupported protocol version " + version);
    }
    String serverVersion = r.nulString();
    long connectionId = r.int4();
    byte[] part1 = r.bytes(PART1_LENGTH);
    r.int1();
    int capabilities = r.int2();
    int collation = r.int1();
    int status = r.int2();
    capabilities |= r.int2() << 16;
    int dataLen = r.int1();
    r.skip(RESERVED_LENGTH);
    byte[] nonce = part1;
    if (Capability.has(capabilities, Capability.CLIENT_SECURE_CONNECTION)) {
      byte[] part2 = r.bytes(Math.max(MIN_PART2_LENGTH, dataLen - PART1_LENGTH));
      int len = part2.length;
      if (len > 0 && part2[len - 1] == 0) {
        len--;
      }
      nonce = Arrays.copyOf(part1, PART1_LENGTH + len);
      System.arraycopy(part2, 0, nonce, PART1_LENGTH, len);
    }
    String plugin = null;
    if (Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH)) {
      // Some servers omit the terminating NUL of the plugin name at the end of the packet.
      plugin = r.hasRemaining() ? terminatedOrRest(r) : "";
    }
    return new HandshakeV10(
        serverVersion, connectionId, nonce, capabilities, collation, status, plugin);
  }

  private static String terminatedOrRest(PayloadReader r) {
    byte[] rest = r.rest();
    int len = rest.length;
    for (int i = 0; i < rest.length; i++) {
      if (rest[i] == 0) {
        len = i;
        break;
      }
    }
    return new String(rest, 0, len, StandardCharsets.UTF_8);
  }
}
