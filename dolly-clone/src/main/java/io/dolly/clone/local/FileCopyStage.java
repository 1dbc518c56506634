package io.dolly.clone.local;

import io.dolly.clone.CloneStage;
import io.dolly.clone.donor.SnapshotFile;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FILE COPY of a local clone: every snapshot file, as it is on disk, split into ranges that up to
 * clone_max_concurrency threads copy file to file with {@link FileChannel#transferTo} (the kernel
 * copies; no byte passes through the JVM), one clone_buffer_size transfer at a time so that the
 * throttle, progress and cancellation act at that granularity.
 */
final class FileCopyStage {
  /** Files larger than this are copied by several threads, one range each. */
  static final long RANGE_BYTES = 64L << 20;

  private static final long POLL_MILLIS = 20;

  private record Range(SnapshotFile file, long offset, long length) {}

  private final TargetFiles target;
  private final CloneSettings settings;
  private final CloneStatusBoard board;
  private final Cancellation cancellation;

  FileCopyStage(
      TargetFiles target,
      CloneSettings settings,
      CloneStatusBoard board,
      Cancellation cancellation) {
    this.target = target;
    this.settings = settings;
    this.board = board;
    this.cancellation = cancellation;
  }

  void run(List<SnapshotFile> files) {
    ConcurrentLinkedQueue<Range> ranges = new ConcurrentLinkedQueue<>();
    long total = 0;
    for (SnapshotFile f : files) {
      target.create(f.name());
      total += f.size();
      for (long off = 0; off < f.size(); off += RANGE_BYTES) {
        ranges.add(new Range(f, off, Math.min(RANGE_BYTES, f.size() - off)));
      }
    }
    int threads = Math.max(1, Math.min(settings.maxConcurrency(), ranges.size()));
    board.beginStage(CloneStage.FILE_COPY, total, threads);
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r ->
                Thread.ofPlatform()
                    .name("dolly-clone-copy-" + names.incrementAndGet())
                    .daemon()
                    .unstarted(r));
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  for (Range r = ranges.poll(); r != null; r = ranges.poll()) {
                    copy(r);
                  }
                  return null;
                }));
      }
      awaitAll(workers);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    board.endStage(CloneStage.FILE_COPY);
  }

  /** Waits for the workers; a failure or a cancellation stops all of them at once. */
  private void awaitAll(List<Future<?>> workers) {
    for (Future<?> w : workers) {
      while (true) {
        cancellation.check();
        try {
          w.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          // poll cancellation again
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
        } catch (ExecutionException e) {
          cancellation.check();
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("file copy failed", e.getCause());
        }
      }
    }
  }

  private void copy(Range r) throws IOException, InterruptedException {
    try (FileChannel src = FileChannel.open(r.file().path(), StandardOpenOption.READ);
        FileChannel dst = target.openForWrite(r.file().name())) {
      long pos = r.offset();
      long end = r.offset() + r.length();
      dst.position(pos);
      while (pos < end) {
        cancellation.check();
        long n = Math.min(settings.bufferSize(), end - pos);
        settings.throttle().acquire(n);
        long moved;
        try {
          moved = src.transferTo(pos, n, dst);
        } catch (IOException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
          }
          throw TargetFiles.writeError(target.resolve(r.file().name()), e);
        }
        if (moved <= 0) {
          break; // the source is shorter than listed: nothing more exists to copy
        }
        pos += moved;
        board.addBytes(CloneStage.FILE_COPY, moved, 0);
      }
      // Write this range back now, while other threads still copy theirs: FILE SYNC then finds
      // little left, instead of the whole copy's writeback starting only after the last byte.
      dst.force(false);
    }
  }
}
