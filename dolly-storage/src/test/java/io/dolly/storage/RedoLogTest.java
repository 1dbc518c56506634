package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.redo.CommitHold;
import io.dolly.storage.redo.FlushPolicy;
import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoGroup;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.redo.RedoRecordReader;
import io.dolly.storage.redo.RedoRecordType;
import io.dolly.storage.redo.RedoRecordVisitor;
import io.dolly.storage.redo.RedoRetention;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedoLogTest {
  @TempDir Path dir;

  @Test
  void groupCommitSharesFsyncsAmongConcurrentCommitters() throws Exception {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 64);
      RedoLog redo = engine.redoLog();
      int threads = 16;
      int perThread = 40;
      long fsyncsBefore = redo.fsyncCount();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int page = 2 + t * 4; // each committer its own page: no latch waits, only the log
          fs.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      long lsn;
                      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
                        var p = mtr.writePage(load.spaceId, page);
                        p.putLong(CounterLoad.COUNTER, p.getLong(CounterLoad.COUNTER) + 1);
                        mtr.commit();
                        lsn = mtr.commitLsn();
                      }
                      engine.waitDurable(lsn);
                      assertThat(redo.durableLsn()).isGreaterThanOrEqualTo(lsn);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      }
      long commits = (long) threads * perThread;
      long fsyncs = redo.fsyncCount() - fsyncsBefore;
      System.out.println("group commit: " + commits + " commits, " + fsyncs + " fsyncs");
      assertThat(fsyncs).isLessThan(commits * 3 / 4);
    }
  }

  @Test
  void backPressureKeepsCheckpointAgeWithinCapacity() {
    long seed = CounterLoad.seed("backPressure");
    SplittableRandom rnd = new SplittableRandom(seed);
    long capacity = 2 << 20;
    StorageConfig config =
        TestConfigs.small(ChannelFileSystem.INSTANCE).withRedoLogCapacity(capacity);
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 100);
      long maxAge = 0;
      long written = engine.redoLog().currentLsn();
      for (int j = 0; j < 20000; j++) {
        load.step(j, rnd);
        maxAge = Math.max(maxAge, engine.redoLog().checkpointAge());
      }
      written = engine.redoLog().currentLsn() - written;
      System.out.println("redo written " + written + " bytes, max checkpoint age " + maxAge);
      assertThat(written).isGreaterThan(3 * capacity);
      assertThat(maxAge).isLessThanOrEqualTo(capacity);
      assertThat(load.verify()).isEqualTo(19999);
    }
  }

  @Test
  void retentionKeepsRedoFilesUntilReleasedAndRangeReadsBackGroups() throws IOException {
    long seed = CounterLoad.seed("retention");
    SplittableRandom rnd = new SplittableRandom(seed);
    StorageConfig config =
        TestConfigs.small(ChannelFileSystem.INSTANCE).withRedoLogCapacity(2 << 20);
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 50);
      RedoLog redo = engine.redoLog();
      long from = redo.currentLsn();
      RedoRetention retention = redo.retainFrom(from);
      for (int j = 0; j < 4000; j++) {
        load.step(j, rnd);
      }
      engine.checkpoint();
      List<RedoFileSet.RedoFileInfo> files = redo.files().files();
      assertThat(redo.checkpointLsn()).isGreaterThan(from);
      assertThat(files.getFirst().startLsn()).isLessThanOrEqualTo(from);

      long to = redo.currentLsn();
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      redo.readRange(
          from,
          to,
          (lsn, bytes) -> {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            copy.write(b);
          });
      assertThat((long) copy.size()).isEqualTo(to - from);
      assertThat(countGroups(ByteBuffer.wrap(copy.toByteArray()), from)).isEqualTo(4000);

      var summaries = io.dolly.storage.redo.RedoInspector.summarize(redo.files(), from, 16384, 10);
      assertThat(summaries).hasSize(10);
      assertThat(summaries.get(0).startLsn()).isEqualTo(from);
      assertThat(summaries.get(0).pages()).hasSizeBetween(2, 3);
      retention.close();
      engine.checkpoint();
      for (int j = 4000; j < 4100; j++) {
        load.step(j, rnd);
      }
      engine.checkpoint();
      assertThat(redo.files().files().getFirst().startLsn()).isGreaterThan(from);
    }
  }

  private static int countGroups(ByteBuffer stream, long lsn) {
    int groups = 0;
    while (stream.hasRemaining()) {
      int n = RedoGroup.validate(stream, lsn);
      assertThat(n).isPositive();
      ByteBuffer body = stream.slice(stream.position() + 8, n);
      RedoRecordReader.read(body, 16384, new CountingVisitor());
      stream.position(stream.position() + RedoGroup.OVERHEAD + n);
      lsn += RedoGroup.OVERHEAD + n;
      groups++;
    }
    return groups;
  }

  @Test
  void extensionRecordsReachTheirHandlerDuringRecovery() throws IOException {
    AtomicLong seen = new AtomicLong();
    var fs = new io.dolly.storage.io.FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, 1);
    StorageConfig config =
        TestConfigs.small(fs)
            .withRedoHandler(
                RedoRecordType.FIRST_EXTENSION,
                (type, end, payload) -> seen.addAndGet(payload.getLong(0)));
    StorageEngine engine = StorageEngine.open(dir, config);
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      mtr.logRecord(RedoRecordType.FIRST_EXTENSION, ByteBuffer.allocate(8).putLong(0, 42).array());
      mtr.commit();
      engine.waitDurable(mtr.commitLsn());
    }
    fs.powerLossDiscardingAll();
    engine.close();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, config)) {
      assertThat(seen.get()).isEqualTo(42);
    }
  }

  @Test
  void holdCommitsFixesAnEndLsnAndBlocksAppendsUntilReleased() throws Exception {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 4);
      RedoLog redo = engine.redoLog();
      SplittableRandom rnd = new SplittableRandom(3);
      load.step(0, rnd);
      CommitHold hold = redo.holdCommits();
      assertThat(hold.lsn()).isEqualTo(redo.currentLsn());
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Long> blocked = pool.submit(() -> load.step(1, new SplittableRandom(4)));
        Thread.sleep(200);
        assertThat(blocked.isDone()).isFalse();
        assertThat(redo.currentLsn()).isEqualTo(hold.lsn());
        hold.close();
        assertThat(blocked.get()).isGreaterThan(hold.lsn());
      }
    }
  }

  @Test
  void relaxedFlushPoliciesDoNotWaitForFsyncButBecomeDurable() throws Exception {
    for (FlushPolicy policy :
        List.of(FlushPolicy.WRITE_AT_COMMIT, FlushPolicy.WRITE_AND_SYNC_EVERY_SECOND)) {
      Path d = dir.resolve(policy.name());
      try (StorageEngine engine =
          StorageEngine.open(
              d, TestConfigs.small(ChannelFileSystem.INSTANCE).withFlushPolicy(policy))) {
        CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 4);
        RedoLog redo = engine.redoLog();
        long fsyncs = redo.fsyncCount();
        long lsn = 0;
        for (int j = 0; j < 200; j++) {
          lsn = load.step(j, new SplittableRandom(j));
          engine.waitDurable(lsn);
          if (policy == FlushPolicy.WRITE_AT_COMMIT) {
            assertThat(redo.writtenLsn()).isGreaterThanOrEqualTo(lsn);
          }
        }
        assertThat(redo.fsyncCount() - fsyncs).isLessThan(20);
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (redo.durableLsn() < lsn && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(redo.durableLsn()).as(policy.name()).isGreaterThanOrEqualTo(lsn);
      }
    }
  }

  private static final class CountingVisitor implements RedoRecordVisitor {
    @Override
    public void write(int spaceId, int pageNo, int offset, ByteBuffer bytes) {}

    @Override
    public void fill(int spaceId, int pageNo, int offset, int length, byte value) {}

    @Override
    public void move(int spaceId, int pageNo, int src, int dst, int length) {}

    @Override
    public void init(int spaceId, int pageNo, int pageType) {}

    @Override
    public void image(int spaceId, int pageNo, ByteBuffer page) {}

    @Override
    public void extension(int type, ByteBuffer payload) {}
  }
}
