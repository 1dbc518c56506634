package io.dolly.storage.page;

/**
 * A page latched by a mini-transaction. Reads see the buffer pool frame; every write is recorded in
 * the mini-transaction's redo so that it can be replayed after a crash (and by a clone). Code above
 * the page layer never touches a frame's bytes any other way.
 *
 * <p>Offsets are absolute within the page; the bytes below {@link PageHeader#BODY_START} belong to
 * the engine and must not be written through this interface. All multi-byte values are big-endian.
 */
public interface PageHandle {
  int spaceId();

  int pageNo();

  int pageSize();

  /** True when this handle holds the exclusive latch and may write. */
  boolean writable();

  byte getByte(int offset);

  int getShort(int offset);

  int getInt(int offset);

  long getLong(int offset);

  void getBytes(int offset, byte[] dst, int dstOffset, int length);

  void putByte(int offset, int value);

  void putShort(int offset, int value);

  void putInt(int offset, int value);

  void putLong(int offset, long value);

  void putBytes(int offset, byte[] src, int srcOffset, int length);

  /** Copies {@code length} bytes within the page, overlapping ranges allowed (memmove). */
  void moveBytes(int srcOffset, int dstOffset, int length);

  void fill(int offset, int length, byte value);
}
