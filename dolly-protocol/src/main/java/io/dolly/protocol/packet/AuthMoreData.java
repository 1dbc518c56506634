package io.dolly.protocol.packet;

import io.dolly.protocol.wire.MalformedPacketException;
import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * Extra authentication data from the server, for example caching_sha2_password's status byte or its
 * RSA public key.
 *
 * <pre>
 * int<1>      0x01
 * string<EOF> data
 * </pre>
 */
public record AuthMoreData(byte[] data) {
  public static final int HEADER = 0x01;

  public byte[] encode() {
    return new PayloadWriter(1 + data.length).int1(HEADER).bytes(data).toByteArray();
  }

  public static boolean matches(byte[] payload) {
    return payload.length > 0 && payload[0] == HEADER;
  }

  public static AuthMoreData decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    if (r.int1() != HEADER) {
      throw new MalformedPacketException("not an auth-more-data packet");
    }
    return new AuthMoreData(r.rest());
  }
}
