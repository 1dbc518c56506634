package io.dolly.clone.wire;

/** COM_EXIT: the donor ends this connection's part in the clone and leaves clone mode. No body. */
public record ExitRequest() implements CloneRequest {
  @Override
  public int command() {
    return CloneProtocol.COM_EXIT;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.COM_EXIT).toByteArray();
  }

  public static ExitRequest decode(byte[] packet) {
    FieldReader.open(packet, CloneProtocol.COM_EXIT, "EXIT").end();
    return new ExitRequest();
  }
}
