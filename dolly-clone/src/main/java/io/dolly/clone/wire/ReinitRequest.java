package io.dolly.clone.wire;

/**
 * COM_REINIT: after a network failure the recipient's master reconnects and resumes the same
 * snapshot from the last chunk it applied (absent when nothing was applied yet).
 *
 * <pre>
 *   locator  (u64 snapshot id + 16-byte token)
 *   u8       1 when a last applied chunk follows, else 0
 *   [chunk position]
 * </pre>
 */
public record ReinitRequest(SnapshotLocator locator, ChunkPosition lastApplied)
    implements CloneRequest {
  public ReinitRequest {
    if (locator == null) {
      throw CloneProtocol.malformed("REINIT without locator");
    }
  }

  @Override
  public int command() {
    return CloneProtocol.COM_REINIT;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.COM_REINIT);
    locator.write(w);
    ChunkPosition.writeOptional(w, lastApplied);
    return w.toByteArray();
  }

  public static ReinitRequest decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.COM_REINIT, "REINIT");
    SnapshotLocator locator = SnapshotLocator.read(r);
    ChunkPosition last = ChunkPosition.readOptional(r);
    r.end();
    return new ReinitRequest(locator, last);
  }
}
