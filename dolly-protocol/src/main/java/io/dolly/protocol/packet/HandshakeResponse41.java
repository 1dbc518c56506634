package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to {@link HandshakeV10}.
 *
 * <pre>
 * int<4>   client capability flags
 * int<4>   max packet size
 * int<1>   character set (collation id)
 * string<23> filler, all zero
 * string<NUL> user name
 * auth response: string<lenenc> with CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA,
 *                else int<1> length + bytes with CLIENT_SECURE_CONNECTION, else string<NUL>
 * string<NUL> database (with CLIENT_CONNECT_WITH_DB)
 * string<NUL> client auth plugin name (with CLIENT_PLUGIN_AUTH)
 * int<lenenc> attributes length, then (string<lenenc> key, string<lenenc> value)* (with
 *             CLIENT_CONNECT_ATTRS)
 * int<1>   zstd compression level (with CLIENT_ZSTD_COMPRESSION_ALGORITHM)
 * </pre>
 *
 * @param database null when CLIENT_CONNECT_WITH_DB is not set
 * @param authPluginName null when CLIENT_PLUGIN_AUTH is not set
 */
public record HandshakeResponse41(
    int capabilities,
    long maxPacketSize,
    int collationId,
    String user,
    byte[] authResponse,
    String database,
    String authPluginName,
    Map<String, String> connectAttributes,
    int zstdLevel) {

  /** Bytes before the user name: flags, max packet size, charset and filler. */
  public static final int FIXED_PREFIX_LENGTH = 32;

  static final int FILLER_LENGTH = 23;

  public HandshakeResponse41 {
    connectAttributes =
        connectAttributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(connectAttributes));
  }

  public byte[] encode() {
    PayloadWriter w = new PayloadWriter(128);
    w.int4(capabilities & 0xffffffffL).int4(maxPacketSize).int1(collationId).zeros(FILLER_LENGTH);
    w.nulString(user);
    if (Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
      w.lenencBytes(authResponse);
    } else if (Capability.has(capabilities, Capability.CLIENT_SECURE_CONNECTION)) {
      w.int1(authResponse.length).bytes(authResponse);
    } else {
      w.nulBytes(authResponse);
    }
    if (Capability.has(capabilities, Capability.CLIENT_CONNECT_WITH_DB)) {
      w.nulString(database == null ? "" : database);
    }
    if (Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH)) {
      w.nulString(authPluginName == null ? "" : authPluginName);
    }
    if (Capability.has(capabilities, Capability.CLIENT_CONNECT_ATTRS)) {
      PayloadWriter attrs = new PayloadWriter();
      connectAttributes.forEach((k, v) -> attrs.lenencString(k).lenencString(v));
      w.lenencBytes(attrs.toByteArray());
    }
    if (Capability.has(capabilities, Capability.CLIENT_ZSTD_COMPRESSION_ALGORITHM)) {
      w.int1(zstdLevel);
    }
    return w.toByteArray();
  }

  /**
   * Decodes a full response. Trailing optional parts that a client left out (some omit the database
   * or plugin name although they set the flag) are read as absent.
   */
  public static HandshakeResponse41 decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    int caps = (int) r.int4();
    if (!Capability.has(caps, Capability.CLIENT_PROTOCOL_41)) {
      throw new MalformedPacketException("pre-4.1 handshake response is not supported");
    }
    long maxPacket = r.int4();
    int collation = r.int1();
    r.skip(FILLER_LENGTH);
    String user = r.nulString();
    byte[] auth;
    if (Capability.has(caps, Capability.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
      auth = r.lenencBytes();
    } else if (Capability.has(caps, Capability.CLIENT_SECURE_CONNECTION)) {
      auth = r.bytes(r.int1());
    } else {
      auth = r.nulBytes();
    }
    String db = null;
    if (Capability.has(caps, Capability.CLIENT_CONNECT_WITH_DB) && r.hasRemaining()) {
      db = r.nulString();
    }
    String plugin = null;
    if (Capability.has(caps, Capability.CLIENT_PLUGIN_AUTH) && r.hasRemaining()) {
      plugin = r.nulString();
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    if (Capability.has(caps, Capability.CLIENT_CONNECT_ATTRS) && r.hasRemaining()) {
      PayloadReader a = new PayloadReader(r.lenencBytes());
      while (a.hasRemaining()) {
        attrs.put(a.lenencString(), a.lenencString());
      }
    }
    int zstd = 0;
    if (Capability.has(caps, Capability.CLIENT_ZSTD_COMPRESSION_ALGORITHM) && r.hasRemaining()) {
      zstd = r.int1();
    }
    return new HandshakeResponse41(caps, maxPacket, collation, user, auth, db, plugin, attrs, zstd);
  }
}
