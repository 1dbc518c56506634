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

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.RES_DATA).bytes(bytes).toByteArray();
  }

  public static DataResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_DATA, "DATA");
    return new DataResponse(r.rest());
  }
}
