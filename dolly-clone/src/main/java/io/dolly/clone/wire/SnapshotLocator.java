package io.dolly.clone.wire;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Names one donor snapshot: the donor's snapshot id and a random token. ATTACH and REINIT must
 * present both, so that a connection that merely guesses an id cannot join or resume another
 * session's clone.
 *
 * <pre>
 *   u64  snapshot id (1 .. 2^63-1)
 *   16   token bytes
 * </pre>
 */
public record SnapshotLocator(long snapshotId, byte[] token) {
  static final int BYTES = 8 + CloneProtocol.TOKEN_BYTES;

  public SnapshotLocator {
    if (snapshotId < 1) {
      throw CloneProtocol.malformed("snapshot locator id " + snapshotId + " is not positive");
    }
    if (token == null || token.length != CloneProtocol.TOKEN_BYTES) {
      throw CloneProtocol.malformed("snapshot locator token must be 16 bytes");
    }
    token = token.clone();
  }

  /** A new locator for {@code snapshotId} with a fresh random token. */
  public static SnapshotLocator random(long snapshotId, SecureRandom random) {
    byte[] token = new byte[CloneProtocol.TOKEN_BYTES];
    random.nextBytes(token);
    return new SnapshotLocator(snapshotId, token);
  }

  @Override
  public byte[] token() {
    return token.clone();
  }

  /** Same id and token; compares the token in constant time. */
  public boolean matches(SnapshotLocator other) {
    return other != null
        && snapshotId == other.snapshotId
        && MessageDigest.isEqual(token, other.token);
  }

  void write(FieldWriter w) {
    w.u64(snapshotId).bytes(token);
  }

  static SnapshotLocator read(FieldReader r) {
    long id = r.u64In("snapshot id", 1, Long.MAX_VALUE);
    return new SnapshotLocator(id, r.fixedBytes(CloneProtocol.TOKEN_BYTES, "snapshot token"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotLocator other
        && snapshotId == other.snapshotId
        && Arrays.equals(token, other.token);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(snapshotId) * 31 + Arrays.hashCode(token);
  }

  /** Shows only a token prefix: the token is a credential for joining the snapshot. */
  @Override
  public String toString() {
    return "SnapshotLocator[" + snapshotId + ", " + HexFormat.of().formatHex(token, 0, 2) + "…]";
  }
}
