package io.dolly.protocol.packet;

import io.dolly.protocol.wire.PayloadReader;
import io.dolly.protocol.wire.PayloadWriter;

/**
 * The truncated handshake response a client sends to ask for TLS: just the first 32 bytes of {@link
 * HandshakeResponse41} with CLIENT_SSL set. The full response follows over TLS.
 */
public record SslRequest(int capabilities, long maxPacketSize, int collationId) {

  public byte[] encode() {
    return new PayloadWriter(HandshakeResponse41.FIXED_PREFIX_LENGTH)
        .int4((capabilities | Capability.CLIENT_SSL) & 0xffffffffL)
        .int4(maxPacketSize)
        .int1(collationId)
        .zeros(HandshakeResponse41.FILLER_LENGTH)
        .toByteArray();
  }

  /** True when a payload received in place of the handshake response is an SSLRequest. */
  public static boolean matches(byte[] payload) {
    return payload.length == HandshakeResponse41.FIXED_PREFIX_LENGTH
        && Capability.has((payload[1] & 0xff) << 8 | (payload[0] & 0xff), Capability.CLIENT_SSL);
  }

  public static SslRequest decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    int caps = (int) r.int4();
    long maxPacket = r.int4();
    int collation = r.int1();
    r.skip(HandshakeResponse41.FILLER_LENGTH);
    return new SslRequest(caps, maxPacket, collation);
  }
}
