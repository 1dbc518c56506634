package io.dolly.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The reference for {@link GroupCommitLoad}: the same number of threads, each appending a small
 * record to its own file and calling {@code FileChannel.force(false)} (fdatasync, as the redo log
 * does) after every one, with nothing shared and no grouping. It is what durable commits cost when
 * every commit pays its own fsync.
 */
final class FsyncPerCommitLoad {
  static final String METHOD = "fsync per commit (reference)";

  /** About one sysbench row plus a redo record header. */
  static final int RECORD_SIZE = 256;

  private FsyncPerCommitLoad() {}

  static CommitMeasurement run(Path parent, int threads, Duration warmup, Duration time)
      throws IOException, InterruptedException {
    Path dir =
        parent == null
            ? Files.createTempDirectory("dolly-fsync")
            : Files.createTempDirectory(parent, "dolly-fsync");
    FileChannel[] files = new FileChannel[threads];
    ByteBuffer[] records = new ByteBuffer[threads];
    try {
      for (int t = 0; t < threads; t++) {
        files[t] =
            FileChannel.open(
                dir.resolve("commits-" + t + ".log"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        byte[] bytes = new byte[RECORD_SIZE];
        new SplittableRandom(t).nextBytes(bytes);
        records[t] = ByteBuffer.wrap(bytes);
      }
      long[] fsyncs = new long[threads];
      ClosedLoop.Operation commit =
          (thread, seq) -> {
            ByteBuffer r = records[thread].clear();
            while (r.hasRemaining()) {
              files[thread].write(r);
            }
            files[thread].force(false);
            fsyncs[thread]++;
          };
      ClosedLoop.run(threads, warmup, commit);
      long before = sum(fsyncs);
      ClosedLoop.Outcome o = ClosedLoop.run(threads, time, commit);
      return new CommitMeasurement(
          METHOD, threads, o.operations(), o.seconds(), o.latencyNanos(), sum(fsyncs) - before);
    } finally {
      for (int t = 0; t < threads; t++) {
        if (files[t] != null) {
          files[t].close();
          Files.deleteIfExists(dir.resolve("commits-" + t + ".log"));
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
