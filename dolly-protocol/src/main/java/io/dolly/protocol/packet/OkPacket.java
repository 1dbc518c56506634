package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * Success of a command; also ends a result set (with header 0xfe) under CLIENT_DEPRECATE_EOF.
 *
 * <pre>
 * int<1>   header: 0x00, or 0xfe when it replaces the EOF after rows
 * int<lenenc> affected rows
 * int<lenenc> last insert id
 * int<2>   status flags       (CLIENT_PROTOCOL_41)
 * int<2>   warnings           (CLIENT_PROTOCOL_41)
 * info: string<lenenc>, absent when empty (then session state changes if
 *       SERVER_SESSION_STATE_CHANGED under CLIENT_SESSION_TRACK)
 * </pre>
 *
 * The protocol documentation calls the info string<EOF> without CLIENT_SESSION_TRACK, but MySQL's
 * server writes it length-encoded either way and libmysqlclient/libmariadb read it so ("Rows
 * matched: 1 Changed: 1 Warnings: 0" otherwise fails with 2027 malformed packet).
 */
public record OkPacket(
    int header, long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {

  public static final int HEADER_OK = 0x00;
  public static final int HEADER_EOF = 0xfe;

  public static OkPacket of(long affectedRows, long lastInsertId, int statusFlags, int warnings) {
    return new OkPacket(HEADER_OK, affectedRows, lastInsertId, statusFlags, warnings, "");
  }

  public byte[] encode(int capabilities) {
    PayloadWriter w = new PayloadWriter(16);
    w.int1(header).lenencInt(affectedRows).lenencInt(lastInsertId);
    if (Capability.has(capabilities, Capability.CLIENT_PROTOCOL_41)) {
      w.int2(statusFlags).int2(warnings);
    }
    // Session-state tracking is not implemented, so SERVER_SESSION_STATE_CHANGED is never set.
    if (!info.isEmpty()) {
      w.lenencString(info);
    }
    return w.toByteArray();
  }

  /** True for a payload that starts like an OK packet (0x00) and is long enough to be one. */
  public static boolean matches(byte[] payload) {
    return payload.length >= 7 && (payload[0] & 0xff) == HEADER_OK;
  }

  public static OkPacket decode(byte[] payload, int capabilities) {
    PayloadReader r = new PayloadReader(payload);
    int header = r.int1();
    if (header != HEADER_OK && header != HEADER_EOF) {
      throw new MalformedPacketException("not an OK packet: 0x" + Integer.toHexString(header));
    }
    long affected = r.lenencInt();
    long insertId = r.lenencInt();
    int status = 0;
    int warnings = 0;
    if (Capability.has(capabilities, Capability.CLIENT_PROTOCOL_41)) {
      status = r.int2();
      warnings = r.int2();
    }
    String info = "";
    if (r.hasRemaining()) {
      info = r.lenencString();
      if (Capability.has(capabilities, Capability.CLIENT_SESSION_TRACK)
          && (status & ServerStatus.SESSION_STATE_CHANGED) != 0
          && r.hasRemaining()) {
        r.lenencBytes(); // state changes are not interpreted
      }
    }
    return new OkPacket(header, affected, insertId, status, warnings, info);
  }
}
