package io.dolly.clone.wire;

/** COM_EXECUTE: start streaming. No body. */
public record ExecuteRequest() implements CloneRequest {
  @Override
  public int command() {
    return CloneProtocol.COM_EXECUTE;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.COM_EXECUTE).toByteArray();
  }

  public static ExecuteRequest decode(byte[] packet) {
    FieldReader.open(packet, CloneProtocol.COM_EXECUTE, "EXECUTE").end();
    return new ExecuteRequest();
  }
}
