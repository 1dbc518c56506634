package io.dolly.protocol.wire;

/**
 * A payload that does not parse: truncated, or a field with an impossible value. Unchecked because
 * every decoder can raise it and callers handle it once, at the command loop, as a bad packet.
 */
public class MalformedPacketException extends RuntimeException {
  public MalformedPacketException(String message) {
    super(message);
  }
}
