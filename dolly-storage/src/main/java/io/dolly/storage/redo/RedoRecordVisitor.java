package io.dolly.storage.redo;

import java.nio.ByteBuffer;

/** Receives the records of one group as {@link RedoRecordReader} decodes them. */
public interface RedoRecordVisitor {
  void write(int spaceId, int pageNo, int offset, ByteBuffer bytes);

  void fill(int spaceId, int pageNo, int offset, int length, byte value);

  void move(int spaceId, int pageNo, int src, int dst, int length);

  void init(int spaceId, int pageNo, int pageType);

  void image(int spaceId, int pageNo, ByteBuffer page);

  void extension(int type, ByteBuffer payload);
}
