package io.dolly.protocol.packet;

import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;
import java.nio.charset.StandardCharsets;

/**
 * An error.
 *
 * <pre>
 * int<1>   0xff
 * int<2>   error number
 * string<1> '#' marker, string<5> SQLSTATE   (CLIENT_PROTOCOL_41)
 * string<EOF> message
 * </pre>
 */
public record ErrPacket(int errorNumber, String sqlState, String message) {
  public static final int HEADER = 0xff;
  private static final int SQLSTATE_MARKER = '#';
  private static final int SQLSTATE_LENGTH = 5;
  private static final String GENERAL_SQLSTATE = "HY000";

  public static ErrPacket of(MysqlException e) {
    return new ErrPacket(e.errorNumber(), e.sqlState(), e.getMessage());
  }

  public MysqlException toException() {
    return new MysqlException(errorNumber, sqlState, message);
  }

  /** Always carries the SQLSTATE: every client Dolly supports speaks protocol 4.1. */
  public byte[] encode() {
    PayloadWriter w = new PayloadWriter(16 + message.length());
    w.int1(HEADER).int2(errorNumber).int1(SQLSTATE_MARKER);
    byte[] state = sqlState.getBytes(StandardCharsets.US_ASCII);
    w.bytes(state, 0, Math.min(SQLSTATE_LENGTH, state.length));
    w.zeros(SQLSTATE_LENGTH - Math.min(SQLSTATE_LENGTH, state.length));
    return w.string(message).toByteArray();
  }

  public static boolean matches(byte[] payload) {
    return payload.length > 0 && (payload[0] & 0xff) == HEADER;
  }

  public static ErrPacket decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    if (r.int1() != HEADER) {
      throw new MalformedPacketException("not an ERR packet");
    }
    int number = r.int2();
    String state = GENERAL_SQLSTATE;
    if (r.hasRemaining() && r.peek() == SQLSTATE_MARKER) {
      r.skip(1);
      state = new String(r.bytes(SQLSTATE_LENGTH), StandardCharsets.US_ASCII);
    }
    return new ErrPacket(number, state, r.restString());
  }
}
