package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.buffer.PageTracker;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.CheckpointFile;
import io.dolly.storage.redo.CommitHold;
import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.redo.RedoRetention;
import io.dolly.storage.space.Tablespace;
import io.dolly.storage.space.TablespaceFile;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the clone protocol of ARCHITECTURE.md over the engine's hooks while a writer keeps
 * committing: raw file copy under page tracking, page copy from the buffer pool, redo copy up to a
 * held end LSN, then recovery on the recipient must give exactly the donor's state at that LSN.
 */
class CloneHooksTest {
  @TempDir Path dir;

  @Test
  void fileCopyPlusTrackedPagesPlusRedoRecoversToTheDonorStateAtTheEndLsn() throws Exception {
    long seed = CounterLoad.seed("cloneHooks");
    Path donorDir = dir.resolve("donor");
    Path recipientDir = dir.resolve("recipient");
    StorageConfig config =
        TestConfigs.small(ChannelFileSystem.INSTANCE).withBufferPoolSize(64 * 16384);
    try (StorageEngine donor = StorageEngine.open(donorDir, config)) {
      CounterLoad load = CounterLoad.create(donor, "test/t1.ibd", 200);
      AtomicBoolean stop = new AtomicBoolean();
      // Commit LSNs of the single writer in order: the state at LSN_end is "every step whose
      // commit LSN is <= LSN_end", i.e. a total of twice their number.
      ConcurrentLinkedQueue<Long> commits = new ConcurrentLinkedQueue<>();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    for (long j = 0; !stop.get(); j++) {
                      commits.add(load.step(j, rnd));
                    }
                  });
      Thread.sleep(100);
      int ps = donor.pageSize();
      RedoLog redo = donor.redoLog();

      // FILE COPY: track pages, copy every file as it is on disk, while writes go on.
      PageTracker tracker = donor.bufferPool().startTracking();
      for (TablespaceFile f : donor.tablespaces().files()) {
        Tablespace t = donor.tablespaces().require(f.spaceId());
        Path target = recipientDir.resolve(f.relativePath());
        Files.createDirectories(target.getParent());
        try (RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
          ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
          long size = t.sizeInBytes();
          for (long pos = 0; pos < size; pos += chunk.capacity()) {
            chunk.clear();
            t.file().readFully(chunk, pos);
            out.seek(pos);
            out.write(chunk.array(), 0, (int) Math.min(chunk.capacity(), size - pos));
            Thread.sleep(1); // let the writer dirty pages during the copy
          }
        }
      }

      // PAGE COPY: note LSN_pc, keep redo from it, stop tracking, send tracked pages.
      long lsnPc = redo.currentLsn();
      try (RedoRetention retention = redo.retainFrom(lsnPc)) {
        Set<PageId> pages = tracker.stop();
        assertThat(pages).isNotEmpty();
        for (PageId id : pages) {
          byte[] img = donor.bufferPool().copyPage(id.spaceId(), id.pageNo());
          Path target = recipientDir.resolve(donor.tablespaces().require(id.spaceId()).name());
          try (RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            out.seek((long) id.pageNo() * ps);
            out.write(img);
          }
        }
        Thread.sleep(50);

        // REDO COPY: hold commits for an instant to fix LSN_end and the expected state.
        long lsnEnd;
        // Reading pages under the hold could wait for a committer's latch while that committer
        // waits for the hold: a clone never does that, and neither does this test.
        try (CommitHold hold = redo.holdCommits()) {
          lsnEnd = hold.lsn();
        }
        Path redoDir = recipientDir.resolve(StorageEngine.REDO_DIR);
        RedoFileSet files =
            RedoFileSet.create(
                ChannelFileSystem.INSTANCE,
                redoDir,
                donor.instanceId(),
                config.redoFileCapacity(),
                lsnPc);
        redo.readRange(lsnPc, lsnEnd, (lsn, bytes) -> files.write(lsn, bytes));
        files.force();
        files.close();
        CheckpointFile.create(ChannelFileSystem.INSTANCE, redoDir, donor.instanceId(), ps, lsnPc)
            .close();
        stop.set(true);
        writer.join();
        long expectedTotal = 2 * commits.stream().filter(l -> l <= lsnEnd).count();
        assertThat(lsnEnd).isGreaterThan(lsnPc);

        // RECOVERY on the recipient.
        try (StorageEngine recipient = StorageEngine.open(recipientDir, config)) {
          CounterLoad copy = CounterLoad.attach(recipient, load.spaceId, 200);
          assertThat(copy.verifyConcurrent() * 2).isEqualTo(expectedTotal);
          assertThat(recipient.recovery().endLsn()).isEqualTo(lsnEnd);
        }
        assertThat(retention.fromLsn()).isEqualTo(lsnPc);
      }
    }
  }
}
