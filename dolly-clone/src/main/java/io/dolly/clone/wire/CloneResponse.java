package io.dolly.clone.wire;

/** A donor-to-recipient clone response: {@code [u8 code][u16 version][payload]}. */
public sealed interface CloneResponse
    permits LocsResponse,
        DataDescResponse,
        DataResponse,
        PluginResponse,
        ConfigResponse,
        CollationResponse,
        CompleteResponse,
        ErrorResponse {

  /** The response code byte. */
  int code();

  byte[] encode();

  /** Decodes any response; anything malformed, including an unknown version, fails with 3863. */
  static CloneResponse decode(byte[] packet) {
    if (packet == null || packet.length == 0) {
      throw CloneProtocol.malformed("empty clone response");
    }
    int code = packet[0] & 0xff;
    return switch (code) {
      case CloneProtocol.RES_LOCS -> LocsResponse.decode(packet);
      case CloneProtocol.RES_DATA_DESC -> DataDescResponse.decode(packet);
      case CloneProtocol.RES_DATA -> DataResponse.decode(packet);
      case CloneProtocol.RES_PLUGIN -> PluginResponse.decode(packet);
      case CloneProtocol.RES_CONFIG -> ConfigResponse.decode(packet);
      case CloneProtocol.RES_COLLATION -> CollationResponse.decode(packet);
      case CloneProtocol.RES_COMPLETE -> CompleteResponse.decode(packet);
      case CloneProtocol.RES_ERROR -> ErrorResponse.decode(packet);
      default -> throw CloneProtocol.malformed("unknown clone response code " + code);
    };
  }
}
