package io.dolly.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The reference of {@link RowLoader}'s lookups: each operation reads one page ({@code pread}) at a
 * random page-aligned offset of the table's own file. A lookup whose leaf is not in the pool needs
 * one such read; what the engine adds on top is latches, the tree descent, locks and the
 * transaction.
 */
final class PageReadReference {
  private PageReadReference() {}

  static ClosedLoop.Outcome run(Path file, long size, int pageSize, int threads, Duration time)
      throws IOException, InterruptedException {
    long pages = size / pageSize;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer[] bufs = new ByteBuffer[threads];
      SplittableRandom[] rnd = new SplittableRandom[threads];
      for (int t = 0; t < threads; t++) {
        bufs[t] = ByteBuffer.allocate(pageSize);
        rnd[t] = new SplittableRandom(200 + t);
      }
      return ClosedLoop.run(
          threads,
          time,
          (thread, seq) -> {
            ByteBuffer b = bufs[thread].clear();
            long pos = rnd[thread].nextLong(pages) * pageSize;
            while (b.hasRemaining()) {
              if (ch.read(b, pos + b.position()) < 0) {
                throw new IllegalStateException(file + " ends before " + size);
              }
            }
          });
    }
  }
}
