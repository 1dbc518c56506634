package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * COM_CHANGE_USER: re-authenticate the connection as another account.
 *
 * <pre>
 * int<1>      0x11
 * string<NUL> user
 * auth response: int<1> length + bytes (CLIENT_SECURE_CONNECTION), else string<NUL>
 * string<NUL> database
 * int<2>      character set (collation id)            (optional from here on)
 * string<NUL> auth plugin name                         (CLIENT_PLUGIN_AUTH)
 * int<lenenc> attributes length + key/value pairs      (CLIENT_CONNECT_ATTRS)
 * </pre>
 *
 * @param collationId 0 when the client did not send one
 */
public record ChangeUserRequest(
    String user,
    byte[] authResponse,
    String database,
    int collationId,
    String authPluginName,
    Map<String, String> connectAttributes) {

  public byte[] encode(int capabilities) {
    PayloadWriter w = new PayloadWriter(64);
    w.int1(Command.COM_CHANGE_USER).nulString(user);
    if (Capability.has(capabilities, Capability.CLIENT_SECURE_CONNECTION)) {
      w.int1(authResponse.length).bytes(authResponse);
    } else {
      w.nulBytes(authResponse);
    }
    w.nulString(database == null ? "" : database).int2(collationId);
    if (Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH)) {
      w.nulString(authPluginName == null ? "" : authPluginName);
    }
    if (Capability.has(capabilities, Capability.CLIENT_CONNECT_ATTRS)) {
      PayloadWriter attrs = new PayloadWriter();
      connectAttributes.forEach((k, v) -> attrs.lenencString(k).lenencString(v));
      w.lenencBytes(attrs.toByteArray());
    }
    return w.toByteArray();
  }

  public static ChangeUserRequest decode(byte[] payload, int capabilities) {
    PayloadReader r = new PayloadReader(payload);
    if (r.int1() != Command.COM_CHANGE_USER) {
      throw new MalformedPacketException("not a COM_CHANGE_USER packet");
    }
    String user = r.nulString();
    byte[] auth =
        Capability.has(capabilities, Capability.CLIENT_SECURE_CONNECTION)
            ? r.bytes(r.int1())
            : r.nulBytes();
    String db = r.nulString();
    int collation = 0;
    String plugin = null;
    Map<String, String> attrs = new LinkedHashMap<>();
    if (r.hasRemaining()) {
      collation = r.int2();
      if (Capability.has(capabilities, Capability.CLIENT_PLUGIN_AUTH) && r.hasRemaining()) {
        plugin = r.nulString();
      }
      if (Capability.has(capabilities, Capability.CLIENT_CONNECT_ATTRS) && r.hasRemaining()) {
        PayloadReader a = new PayloadReader(r.lenencBytes());
        while (a.hasRemaining()) {
          attrs.put(a.lenencString(), a.lenencString());
        }
      }
    }
    return new ChangeUserRequest(user, auth, db, collation, plugin, attrs);
  }
}
