package io.dolly.clone.wire;

/** A recipient-to-donor clone command: {@code [u8 command][u16 version][payload]}. */
public sealed interface CloneRequest
    permits InitRequest, AttachRequest, ReinitRequest, ExecuteRequest, AckRequest, ExitRequest {

  /** The command byte. */
  int command();

  byte[] encode();

  /** Decodes any request; anything malformed fails with 3863. */
  static CloneRequest decode(byte[] packet) {
    if (packet == null || packet.length == 0) {
      throw CloneProtocol.malformed("empty clone request");
    }
    int command = packet[0] & 0xff;
    return switch (command) {
      case CloneProtocol.COM_INIT -> InitRequest.decode(packet);
      case CloneProtocol.COM_ATTACH -> AttachRequest.decode(packet);
      case CloneProtocol.COM_REINIT -> ReinitRequest.decode(packet);
      case CloneProtocol.COM_EXECUTE -> ExecuteRequest.decode(packet);
      case CloneProtocol.COM_ACK -> AckRequest.decode(packet);
      case CloneProtocol.COM_EXIT -> ExitRequest.decode(packet);
      default -> throw CloneProtocol.malformed("unknown clone command " + command);
    };
  }
}
