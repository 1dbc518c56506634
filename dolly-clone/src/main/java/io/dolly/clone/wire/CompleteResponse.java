package io.dolly.clone.wire;

/** COMPLETE: the end of the donor's answer to one command. No body. */
public record CompleteResponse() implements CloneResponse {
  @Override
  public int code() {
    return CloneProtocol.RES_COMPLETE;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.RES_COMPLETE).toByteArray();
  }

  public static CompleteResponse decode(byte[] packet) {
    FieldReader.open(packet, CloneProtocol.RES_COMPLETE, "COMPLETE").end();
    return new CompleteResponse();
  }
}
