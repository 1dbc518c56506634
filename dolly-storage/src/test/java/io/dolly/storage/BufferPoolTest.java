package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.buffer.PageTracker;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferPoolTest {
  @TempDir Path dir;

  @Test
  void smallPoolUnderLoadManyTimesItsSizeStaysFixedAndLosesNothing() throws IOException {
    long seed = CounterLoad.seed("smallPool");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = TestConfigs.small(fs).withBufferPoolSize(64 * 16384);
    StorageEngine engine = StorageEngine.open(dir, config);
    BufferPool pool = engine.bufferPool();
    assertThat(pool.frameCount()).isEqualTo(64);
    CounterLoad load = CounterLoad.create(engine, "test/big.ibd", 640);
    int maxResident = 0;
    long lsn = 0;
    for (int j = 0; j < 3000; j++) {
      lsn = load.step(j, rnd);
      maxResident = Math.max(maxResident, pool.residentPages());
    }
    assertThat(maxResident).isLessThanOrEqualTo(64);
    assertThat(pool.pagesWritten()).isGreaterThan(640);
    assertThat(load.verify()).isEqualTo(2999);
    engine.waitDurable(lsn);
    fs.powerLoss();
    engine.close();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, config)) {
      assertThat(again.bufferPool().residentPages()).isLessThanOrEqualTo(64);
      assertThat(CounterLoad.attach(again, load.spaceId, 640).verify()).isEqualTo(2999);
    }
  }

  @Test
  void evictionNeverWritesAPageWithTheCallersUncommittedChanges() throws IOException {
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, 1);
    StorageConfig config = TestConfigs.small(fs).withBufferPoolSize(8 * 16384);
    StorageEngine engine = StorageEngine.open(dir, config);
    int s = engine.createTablespace("test/t.ibd");
    for (int p = 1; p < 30; p++) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.allocatePage(s, CounterLoad.TYPE);
        mtr.commit();
      }
    }
    engine.checkpoint();
    for (int p = 2; p < 10; p++) {
      touch(engine, s, p); // every frame dirty, page 2 the oldest
    }
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      mtr.writePage(s, 2).putLong(CounterLoad.COUNTER, 999);
      for (int p = 10; p < 30; p++) {
        // Reading other pages from this thread forces evictions, hence flushes.
        try (MiniTransaction read = engine.beginMiniTransaction()) {
          read.readPage(s, p);
        }
      }
      // closed without commit: rolled back
    }
    fs.powerLossDiscardingAll();
    engine.close();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, config);
        MiniTransaction mtr = again.beginMiniTransaction()) {
      assertThat(mtr.readPage(s, 2).getLong(CounterLoad.COUNTER)).isEqualTo(1);
    }
  }

  @Test
  void pageTrackerRecordsDirtyAtStartAndDirtiedWhileActive() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 10);
      int s = load.spaceId;
      touch(engine, s, 3);
      PageTracker tracker = engine.bufferPool().startTracking();
      touch(engine, s, 5);
      engine.checkpoint(); // flushing does not untrack anything
      touch(engine, s, 7);
      Set<PageId> pages = tracker.stop();
      touch(engine, s, 9);
      assertThat(pages).contains(new PageId(s, 3), new PageId(s, 5), new PageId(s, 7));
      assertThat(pages).doesNotContain(new PageId(s, 9), new PageId(s, 4));
    }
  }

  @Test
  void copyPageGivesAConsistentChecksummedImage() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 4);
      touch(engine, load.spaceId, 2);
      byte[] img = engine.bufferPool().copyPage(load.spaceId, 2);
      assertThat(PageChecksum.isValid(img, 0, img.length)).isTrue();
      assertThat(ByteBuffer.wrap(img).getLong(CounterLoad.COUNTER)).isEqualTo(1);
      assertThat(PageChecksum.pageLsn(img)).isGreaterThan(0);
    }
  }

  static void touch(StorageEngine engine, int space, int pageNo) {
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      var p = mtr.writePage(space, pageNo);
      p.putLong(CounterLoad.COUNTER, p.getLong(CounterLoad.COUNTER) + 1);
      mtr.commit();
    }
  }
}
