package io.dolly.clone.wire;

/**
 * COM_ATTACH: an extra recipient thread joins the snapshot the master's INIT created.
 *
 * <pre>
 *   locator  (u64 snapshot id + 16-byte token)
 * </pre>
 */
public record AttachRequest(SnapshotLocator locator) implements CloneRequest {
  public AttachRequest {
    if (locator == null) {
      throw CloneProtocol.malformed("ATTACH without locator");
    }
  }

  @Override
  public int command() {
    return CloneProtocol.COM_ATTACH;
  }

  @Override
  public byte[] encode() {
    FieldWriter w = new FieldWriter(CloneProtocol.COM_ATTACH);
    locator.write(w);
    return w.toByteArray();
  }

  public static AttachRequest decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.COM_ATTACH, "ATTACH");
    SnapshotLocator locator = SnapshotLocator.read(r);
    r.end();
    return new AttachRequest(locator);
  }
}
