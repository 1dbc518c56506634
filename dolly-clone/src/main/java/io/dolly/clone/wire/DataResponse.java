package io.dolly.clone.wire;

/**
 * DATA: the encoded bytes of the chunk the preceding DATA_DESC described; the rest of the packet
 * after the header, 1 .. {@link CloneProtocol#MAX_WIRE_CHUNK_BYTES} bytes.
 */
public record DataResponse(byte[] bytes) implements CloneResponse {
  public DataResponse {
    if (bytes == null || bytes.length < 1 || bytes.length > CloneProtocol.MAX_WIRE_CHUNK_BYTES) {
      throw CloneProtocol.malformed(
          "DATA length " + (bytes == null ? "missing" : bytes.length) + " out of range");
    }
  }

  @Override
  public int code() {
    return CloneProtocol.RES_DATA;
  }

  /** The chunk bytes, not copied: DATA packets are large and owned by whoever decoded them. */
  @Override
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataResponse other && java.util.Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "DataResponse[" + bytes.length + " bytes]";
  }

  /**
   * The header (code, u16 version) and the chunk bytes, built at their exact size: a chunk is up to
   * 16 MiB and passes here for every chunk of a clone, so one copy, not a growing stream's several.
   */
  @Override
  public byte[] encode() {
    byte[] packet = new byte[CloneProtocol.HEADER_BYTES + bytes.length];
    packet[0] = (byte) CloneProtocol.RES_DATA;
    packet[1] = (byte) CloneProtocol.VERSION;
    packet[2] = (byte) (CloneProtocol.VERSION >>> 8);
    System.arraycopy(bytes, 0, packet, CloneProtocol.HEADER_BYTES, bytes.length);
    return packet;
  }

  public static DataResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_DATA, "DATA");
    return new DataResponse(r.rest());
  }
}
