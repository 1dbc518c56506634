package io.dolly.clone.wire;

/**
 * COLLATION: a collation the donor's data uses; the recipient must know it (else 3867).
 *
 * <pre>
 *   string  collation name (1 .. 64 bytes)
 * </pre>
 */
public record CollationResponse(String name) implements CloneResponse {
  public CollationResponse {
    Strings.check("COLLATION name", name, 1, 64);
  }

  @Override
  public int code() {
    return CloneProtocol.RES_COLLATION;
  }

  @Override
  public byte[] encode() {
    return new FieldWriter(CloneProtocol.RES_COLLATION).string(name).toByteArray();
  }

  public static CollationResponse decode(byte[] packet) {
    FieldReader r = FieldReader.open(packet, CloneProtocol.RES_COLLATION, "COLLATION");
    String name = r.string("name", 64);
    r.end();
    return new CollationResponse(name);
  }
}
