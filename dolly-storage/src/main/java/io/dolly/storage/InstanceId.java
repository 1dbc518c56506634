package io.dolly.storage;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * 16 random bytes chosen when a data directory is initialized and written into every file the
 * engine creates, so that files of two instances are never mixed silently. A clone keeps its
 * donor's id (the files are the donor's); the server's own server_uuid is a separate thing.
 */
public record InstanceId(long high, long low) {
  public static final int BYTES = 16;

  public static InstanceId random() {
    SecureRandom r = new SecureRandom();
    return new InstanceId(r.nextLong(), r.nextLong());
  }

  public static InstanceId read(ByteBuffer buf, int offset) {
    return new InstanceId(buf.getLong(offset), buf.getLong(offset + 8));
  }

  public void write(ByteBuffer buf, int offset) {
    buf.putLong(offset, high);
    buf.putLong(offset + 8, low);
  }

  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }
}
