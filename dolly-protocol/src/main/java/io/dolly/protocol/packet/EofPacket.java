package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * The end of column definitions or rows when CLIENT_DEPRECATE_EOF is not negotiated.
 *
 * <pre>
 * int<1> 0xfe
 * int<2> warnings
 * int<2> status flags
 * </pre>
 */
public record EofPacket(int warnings, int statusFlags) {
  public static final int HEADER = 0xfe;

  /** A payload starting with 0xfe is an EOF (not a row) only while shorter than 9 bytes. */
  public static final int MAX_LENGTH = 8;

  public byte[] encode() {
    return new PayloadWriter(5).int1(HEADER).int2(warnings).int2(statusFlags).toByteArray();
  }

  public static boolean matches(byte[] payload) {
    return payload.length > 0 && payload.length <= MAX_LENGTH && (payload[0] & 0xff) == HEADER;
  }

  public static EofPacket decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    if (r.int1() != HEADER) {
      throw new MalformedPacketException("not an EOF packet");
    }
    return new EofPacket(r.int2(), r.int2());
  }
}
