package io.dolly.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * The reference of {@link RowLoader}'s insert phase: as many bytes as the rows took appended to a
 * plain file, with an fdatasync per transaction's worth of rows; no index, no redo, no pages. The
 * least a durable load of these bytes can cost on this disk.
 */
final class DurableAppendReference {
  private DurableAppendReference() {}

  /** Seconds to append {@code bytes} in {@code rows / batch} durable steps into {@code dir}. */
  static double seconds(Path dir, int rows, int batch, long bytes) throws IOException {
    Path path = dir.resolve("append-reference.log");
    int perRow = (int) Math.ceilDiv(bytes, rows);
    ByteBuffer buf = ByteBuffer.allocate(perRow * batch);
    new SplittableRandom(3).nextBytes(buf.array());
    long t0 = System.nanoTime();
    try (FileChannel ch =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int done = 0; done < rows; done += batch) {
        buf.clear().limit(perRow * Math.min(batch, rows - done));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    Files.delete(path);
    return s;
  }
}
