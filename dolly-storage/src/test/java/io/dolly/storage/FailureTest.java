package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import io.dolly.storage.io.IoFailures;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureTest {
  @TempDir Path dir;

  @Test
  void fsyncFailureHaltsTheEngine() throws IOException {
    long seed = CounterLoad.seed("fsyncFailure");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageEngine engine = StorageEngine.open(dir, TestConfigs.small(fs));
    CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 10);
    long lsn = 0;
    for (int j = 0; j < 10; j++) {
      lsn = load.step(j, rnd);
    }
    engine.waitDurable(lsn);
    fs.failFsyncAfter(0);
    long next = load.step(10, rnd);
    assertThatThrownBy(() -> engine.waitDurable(next))
        .isInstanceOf(StorageHaltedException.class)
        .hasMessageContaining("injected fsync failure");
    assertThat(engine.halted()).isTrue();
    assertThatThrownBy(engine::beginMiniTransaction).isInstanceOf(StorageHaltedException.class);
    assertThatThrownBy(engine::checkpoint).isInstanceOf(StorageHaltedException.class);
    engine.close();
    fs.powerLossDiscardingAll();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, TestConfigs.small(fs))) {
      assertThat(CounterLoad.attach(again, load.spaceId, 10).verify()).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void diskFullFailsWithClearErrorAndLosesNothingDurable() throws IOException {
    long seed = CounterLoad.seed("diskFull");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = TestConfigs.small(fs);
    StorageEngine engine = StorageEngine.open(dir, config);
    CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 20);
    fs.noSpaceAfter((3 << 20) + rnd.nextInt(1 << 20));
    long lastDurable = -1;
    Throwable failure = null;
    long j = 0;
    try {
      for (; j < 1_000_000; j++) {
        long lsn = load.step(j, rnd);
        engine.waitDurable(lsn);
        lastDurable = j;
        if (j % 5 == 0) {
          // Growing another table makes the file extension hit ENOSPC too.
          try (MiniTransaction mtr = engine.beginMiniTransaction()) {
            mtr.allocatePage(TablespaceRegistry.SYSTEM_SPACE_ID, PageType.SYSTEM);
            mtr.commit();
          }
        }
      }
    } catch (StorageException e) {
      failure = e;
    }
    System.out.println("disk full after " + j + " steps: " + failure);
    assertThat(failure).isNotNull();
    assertThat(IoFailures.isNoSpace(failure)).as(String.valueOf(failure)).isTrue();
    assertThat(failure.toString() + failure.getCause()).contains(IoFailures.NO_SPACE);
    try {
      engine.close();
    } catch (StorageException ignored) {
      // Closing may fail too while the disk is full; the restart below recovers.
    }
    fs.unlimitedSpace();
    fs.powerLoss();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, config)) {
      long last = CounterLoad.attach(again, load.spaceId, 20).verify();
      assertThat(last).as("seed=" + seed).isGreaterThanOrEqualTo(lastDurable);
    }
  }

  private static final class TablespaceRegistry {
    static final int SYSTEM_SPACE_ID = io.dolly.storage.space.TablespaceRegistry.SYSTEM_SPACE_ID;
  }
}
