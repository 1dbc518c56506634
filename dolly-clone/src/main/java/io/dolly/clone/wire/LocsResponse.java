package io.dolly.clone.wire;

/**
 * LOCS: the donor's answer to INIT, ATTACH and REINIT. The header version is the negotiated
 * protocol version ({@code min(recipient's, donor's)}); the body is the snapshot's locator.
 *
 * <pre>
 *   locator  (u64 snapshot id + 16-byte token)
 * </pre>
 */
public record LocsResponse(SnapshotLocator locator) implements CloneResponse {
  public LocsResponse {
    if (locator == null) {
      throw CloneProtocol.malformed("LOCS without locator");
    }
  }

  @Override
  public int code() {
    return CloneProtocol.RES_LOCS;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.RES_LOCS);
    locator.write(w);
    return w.toByteArray();
  }

  public static LocsResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_LOCS, "LOCS");
    SnapshotLocator locator = SnapshotLocator.read(r);
    r.end();
    return new LocsResponse(locator);
  }
}
