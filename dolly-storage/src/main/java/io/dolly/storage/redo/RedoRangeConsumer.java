package io.dolly.storage.redo;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives consecutive chunks of the raw redo stream; {@code lsn} is the chunk's first LSN. */
@FunctionalInterface
public interface RedoRangeConsumer {
  void accept(long lsn, ByteBuffer bytes) throws IOException;
}
