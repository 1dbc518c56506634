package io.dolly.clone.wire;

import io.dolly.clone.CloneStage;

/**
 * COM_ACK: the recipient confirms it finished a stage (so the donor may move on and release what it
 * kept for that stage), or reports its own error to the donor, and says which chunk it applied last
 * so that the donor knows where a resume would start.
 *
 * <pre>
 *   u32  error number (0 = no error)
 *   u8   stage code acknowledged
 *   u8   1 when a last applied chunk follows, else 0
 *   [chunk position]
 * </pre>
 */
public record AckRequest(int errorNumber, CloneStage stage, ChunkPosition lastApplied)
    implements CloneRequest {
  public AckRequest {
    if (errorNumber < 0 || errorNumber > ErrorResponse.MAX_ERRNO) {
      throw CloneProtocol.malformed("ACK error number " + errorNumber + " out of range");
    }
    if (stage == null) {
      throw CloneProtocol.malformed("ACK without stage");
    }
  }

  @Override
  public int command() {
    return CloneProtocol.COM_ACK;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.COM_ACK).u32(errorNumber).u8(stage.code());
    ChunkPosition.writeOptional(w, lastApplied);
    return w.toByteArray();
  }

  public static AckRequest decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.COM_ACK, "ACK");
    int errno = r.u32In("error number", 0, ErrorResponse.MAX_ERRNO);
    int code = r.u8("stage");
    CloneStage stage = CloneStage.ofCode(code);
    if (stage == null) {
      throw r.invalid("names unknown stage " + code);
    }
    ChunkPosition last = ChunkPosition.readOptional(r);
    r.end();
    return new AckRequest(errno, stage, last);
  }
}
