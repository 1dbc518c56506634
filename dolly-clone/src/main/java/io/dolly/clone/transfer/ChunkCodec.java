package io.dolly.clone.transfer;

/**
 * How the bytes of one data chunk are encoded on the wire. The {@link #id()} is part of the clone
 * protocol. Every chunk names its own codec: a donor with compression on still sends a chunk raw
 * ({@link #NONE}) when compressing it would not make it smaller.
 */
public enum ChunkCodec {
  NONE(0),
  ZSTD(1),
  LZ4(2);

  private final int id;

  ChunkCodec(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** The codec with this wire id, or null. */
  public static ChunkCodec ofId(int id) {
    for (ChunkCodec c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }
}
