package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.buffer.Doublewrite;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageInspector;
import io.dolly.storage.page.PageType;
import io.dolly.storage.space.SpaceHeader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablespaceTest {
  @TempDir Path dir;

  @Test
  void checksumCorruptionIsReportedWithFileAndPage() throws IOException {
    long seed = CounterLoad.seed("corruption");
    SplittableRandom rnd = new SplittableRandom(seed);
    StorageConfig config = TestConfigs.small(ChannelFileSystem.INSTANCE);
    int space;
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 10);
      space = load.spaceId;
      for (int j = 0; j < 50; j++) {
        load.step(j, rnd);
      }
    }
    Path file = dir.resolve("test/t.ibd");
    int pageNo = 2 + rnd.nextInt(10);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = (long) pageNo * 16384 + 100 + rnd.nextInt(16000);
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x10);
    }
    // The doublewrite file would repair the page at open; remove that safety net here.
    Files.write(dir.resolve(Doublewrite.NAME), new byte[0]);
    assertThat(PageInspector.verifyFile(ChannelFileSystem.INSTANCE, file, 16384))
        .singleElement()
        .satisfies(p -> assertThat(p.pageNo()).isEqualTo(pageNo));
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        assertThatThrownBy(() -> mtr.readPage(space, pageNo))
            .isInstanceOf(PageCorruptedException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("page " + pageNo);
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        assertThat(mtr.readPage(space, 1).getLong(CounterLoad.COUNTER)).isEqualTo(100);
      }
    }
  }

  @Test
  void freedPagesAreReusedBeforeTheFileGrowsByExtents() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      int space = engine.createTablespace("db/t.ibd");
      Path file = dir.resolve("db/t.ibd");
      assertThat(sizeInPages(engine, space)).isEqualTo(SpaceHeader.INITIAL_PAGES);
      int[] pages = new int[100];
      for (int i = 0; i < pages.length; i++) {
        try (MiniTransaction mtr = engine.beginMiniTransaction()) {
          PageHandle p = mtr.allocatePage(space, PageType.BTREE_NODE);
          assertThat(p.getShort(20)).isEqualTo(PageType.BTREE_NODE);
          assertThat(p.getLong(40)).isZero();
          p.putLong(40, 7);
          pages[i] = p.pageNo();
          mtr.commit();
        }
      }
      assertThat(pages[0]).isEqualTo(1);
      assertThat(pages[99]).isEqualTo(100);
      assertThat(sizeInPages(engine, space)).isEqualTo(128);
      assertThat(engine.tablespaces().require(space).sizeInBytes()).isEqualTo(128L * 16384);
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.freePage(space, 10);
        mtr.freePage(space, 20);
        mtr.commit();
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        PageHandle a = mtr.allocatePage(space, PageType.UNDO);
        PageHandle b = mtr.allocatePage(space, PageType.UNDO);
        PageHandle c = mtr.allocatePage(space, PageType.UNDO);
        assertThat(a.pageNo()).isEqualTo(20);
        assertThat(b.pageNo()).isEqualTo(10);
        assertThat(c.pageNo()).isEqualTo(101);
        assertThat(b.getLong(40)).as("reused page is zeroed").isZero();
        mtr.commit();
      }
      assertThat(Files.exists(file)).isTrue();
    }
  }

  @Test
  void uncommittedChangesAreRolledBackOnClose() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 3);
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        mtr.writePage(load.spaceId, 2).putLong(CounterLoad.COUNTER, 99);
        mtr.allocatePage(load.spaceId, PageType.BTREE_NODE);
      }
      try (MiniTransaction mtr = engine.beginMiniTransaction()) {
        assertThat(mtr.readPage(load.spaceId, 2).getLong(CounterLoad.COUNTER)).isZero();
        // The allocation itself commits on its own (page 0 is never held by a caller's
        // mini-transaction); rolling back returns the page to the free list.
        PageHandle header = mtr.readPage(load.spaceId, 0);
        assertThat(header.getInt(SpaceHeader.HIGH_WATER)).isEqualTo(6);
        assertThat(header.getInt(SpaceHeader.FREE_HEAD)).isEqualTo(5);
        assertThat(header.getInt(SpaceHeader.FREE_COUNT)).isEqualTo(1);
      }
    }
  }

  @Test
  void filesOfAnotherInstanceAreRejectedByName() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    StorageConfig config = TestConfigs.small(ChannelFileSystem.INSTANCE);
    try (StorageEngine e = StorageEngine.open(a, config)) {
      e.createTablespace("s/t.ibd");
    }
    try (StorageEngine e = StorageEngine.open(b, config)) {
      assertThat(e.tablespaces().files()).hasSize(3);
    }
    Files.createDirectories(b.resolve("s"));
    Files.copy(a.resolve("s/t.ibd"), b.resolve("s/t.ibd"));
    assertThatThrownBy(() -> StorageEngine.open(b, config))
        .isInstanceOf(StorageFormatException.class)
        .hasMessageContaining("belongs to another instance");
    Files.delete(b.resolve("s/t.ibd"));
    Path header = a.resolve("mysql.ibd");
    try (RandomAccessFile raf = new RandomAccessFile(header.toFile(), "rw")) {
      byte[] page = new byte[16384];
      raf.readFully(page);
      ByteBuffer.wrap(page).putInt(SpaceHeader.VERSION_OFFSET, 99);
      io.dolly.storage.page.PageChecksum.stamp(page, 0, 16384);
      raf.seek(0);
      raf.write(page);
    }
    assertThatThrownBy(() -> StorageEngine.open(a, config))
        .isInstanceOf(StorageFormatException.class)
        .hasMessageContaining("newer than the supported version");
  }

  @Test
  void dropDeletesTheFileAndListingShowsSizes() {
    try (StorageEngine engine =
        StorageEngine.open(dir, TestConfigs.small(ChannelFileSystem.INSTANCE))) {
      int s = engine.createTablespace("x/y.ibd");
      BufferPoolTest.touch(engine, s, 0 + 1);
      assertThat(engine.tablespaces().files())
          .anySatisfy(f -> assertThat(f.relativePath()).isEqualTo("x/y.ibd"));
      engine.dropTablespace(s);
      assertThat(Files.exists(dir.resolve("x/y.ibd"))).isFalse();
      assertThat(engine.tablespaces().files()).hasSize(3);
    }
  }

  @Test
  void faultInjectingFileSystemDiscardsOnlyUnsyncedWrites() throws IOException {
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, 7);
    fs.shortWrites(true);
    Path p = dir.resolve("f");
    try (var f = fs.create(p)) {
      f.writeFully(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0);
      f.force();
      fs.syncDirectory(dir);
      f.writeFully(ByteBuffer.wrap(new byte[] {9, 9}), 1);
      f.writeFully(ByteBuffer.wrap(new byte[] {5, 6, 7}), 4);
      fs.powerLossDiscardingAll();
      assertThatThrownBy(() -> f.writeFully(ByteBuffer.wrap(new byte[1]), 0))
          .hasMessageContaining("power lost");
    }
    fs.restart();
    assertThat(Files.readAllBytes(p)).containsExactly(1, 2, 3, 4);
  }

  private static int sizeInPages(StorageEngine engine, int space) {
    try (MiniTransaction mtr = engine.beginMiniTransaction()) {
      return mtr.readPage(space, 0).getInt(SpaceHeader.SIZE);
    }
  }
}
