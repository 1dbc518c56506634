package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.io.FaultInjectingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
  @TempDir Path dir;

  @Test
  void durableMiniTransactionsSurviveCrashWithoutAnyPageFlush() throws IOException {
    long seed = CounterLoad.seed("durableMiniTransactionsSurvive");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageEngine engine = StorageEngine.open(dir, TestConfigs.small(fs));
    CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 20);
    long lsn = 0;
    for (int j = 0; j < 300; j++) {
      lsn = load.step(j, rnd);
    }
    engine.waitDurable(lsn);
    fs.powerLossDiscardingAll();
    engine.close();
    fs.restart();

    try (StorageEngine again = StorageEngine.open(dir, TestConfigs.small(fs))) {
      assertThat(again.recovery().groupsApplied()).isGreaterThan(0);
      assertThat(CounterLoad.attach(again, load.spaceId, 20).verify()).isEqualTo(299);
    }
  }

  @Test
  void cleanCloseThenOpenKeepsEverything() {
    long seed = CounterLoad.seed("cleanClose");
    SplittableRandom rnd = new SplittableRandom(seed);
    StorageConfig config = TestConfigs.small(ChannelFileSystem.INSTANCE);
    int space;
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 10);
      space = load.spaceId;
      for (int j = 0; j < 100; j++) {
        load.step(j, rnd);
      }
    }
    try (StorageEngine engine = StorageEngine.open(dir, config)) {
      assertThat(engine.recovery().groupsApplied()).isZero();
      assertThat(CounterLoad.attach(engine, space, 10).verify()).isEqualTo(99);
    }
  }

  @Test
  void randomPowerLossKeepsDurableAndNeverPartial() throws IOException {
    long seed = CounterLoad.seed("randomPowerLoss");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    // 64 frames: the page cleaner and eviction flush pages all the time, so crashes hit flushes.
    StorageConfig config = TestConfigs.small(fs).withBufferPoolSize(64 * 16384);
    StorageEngine engine = StorageEngine.open(dir, config);
    CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 200);
    long next = 0;
    for (int round = 0; round < rounds(4); round++) {
      long lastDurable = -1;
      int steps = 100 + rnd.nextInt(600);
      for (int i = 0; i < steps; i++) {
        long lsn = load.step(next, rnd);
        if (rnd.nextInt(4) == 0) {
          engine.waitDurable(lsn);
          lastDurable = next;
        }
        next++;
      }
      fs.powerLoss();
      engine.close();
      fs.restart();
      engine = StorageEngine.open(dir, config);
      load = CounterLoad.attach(engine, load.spaceId, 200);
      long last = load.verify();
      assertThat(last).as("seed=" + seed + " round " + round).isGreaterThanOrEqualTo(lastDurable);
      next = last + 1;
    }
    engine.close();
  }

  @Test
  void concurrentWritersSurvivePowerLossAtARandomMoment() throws Exception {
    long seed = CounterLoad.seed("concurrentPowerLoss");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config =
        TestConfigs.small(fs).withBufferPoolSize(64 * 16384).withRedoLogCapacity(2 << 20);
    StorageEngine engine = StorageEngine.open(dir, config);
    CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 300);
    for (int round = 0; round < rounds(3); round++) {
      long before = load.verifyConcurrent();
      AtomicLong acknowledged = new AtomicLong();
      CounterLoad current = load;
      StorageEngine running = engine;
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < 4; t++) {
          long threadSeed = rnd.nextLong();
          pool.submit(
              () -> {
                SplittableRandom r = new SplittableRandom(threadSeed);
                try {
                  while (true) {
                    running.waitDurable(current.step(0, r));
                    acknowledged.incrementAndGet();
                  }
                } catch (StorageException | IllegalStateException e) {
                  return null;
                }
              });
        }
        Thread.sleep(100 + rnd.nextInt(400));
        fs.powerLoss();
      }
      long acked = acknowledged.get();
      engine.close();
      fs.restart();
      engine = StorageEngine.open(dir, config);
      load = CounterLoad.attach(engine, load.spaceId, 300);
      long after = load.verifyConcurrent();
      assertThat(after - before)
          .as("seed=" + seed + " round " + round)
          .isGreaterThanOrEqualTo(acked);
    }
    engine.close();
  }

  @Test
  void tornPageWriteIsRepairedFromDoublewrite() throws IOException {
    long seed = CounterLoad.seed("tornPage");
    SplittableRandom rnd = new SplittableRandom(seed);
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = TestConfigs.small(fs);
    StorageEngine engine = StorageEngine.open(dir, config);
    CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 30);
    for (int j = 0; j < 200; j++) {
      load.step(j, rnd);
    }
    // The in-place page writes of the next flush land only their first sector, then power fails.
    fs.powerLossOnFsyncOf(p -> p.toString().endsWith("t1.ibd"));
    Throwable t = catchThrowable(engine::checkpoint);
    assertThat(t).isInstanceOf(StorageHaltedException.class);
    engine.close();
    fs.restart();
    try (StorageEngine again = StorageEngine.open(dir, config)) {
      assertThat(again.recovery().pagesRepaired()).isGreaterThan(0);
      assertThat(CounterLoad.attach(again, load.spaceId, 30).verify()).isEqualTo(199);
    }
  }

  @Test
  void recoveringTwiceEqualsRecoveringOnce() throws IOException {
    long seed = CounterLoad.seed("recoverTwice");
    SplittableRandom rnd = new SplittableRandom(seed);
    Path crashed = dir.resolve("crashed");
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(ChannelFileSystem.INSTANCE, seed);
    StorageConfig config = TestConfigs.small(fs).withBufferPoolSize(64 * 16384);
    StorageEngine engine = StorageEngine.open(crashed, config);
    CounterLoad load = CounterLoad.create(engine, "test/t1.ibd", 100);
    long lsn = 0;
    for (int j = 0; j < 500; j++) {
      lsn = load.step(j, rnd);
    }
    engine.waitDurable(lsn);
    fs.powerLossDiscardingAll();
    engine.close();
    fs.restart();

    Path once = dir.resolve("once");
    Path twice = dir.resolve("twice");
    copyTree(crashed, once);
    copyTree(crashed, twice);
    try (StorageEngine e = StorageEngine.open(once, config)) {
      assertThat(CounterLoad.attach(e, load.spaceId, 100).verify()).isEqualTo(499);
    }
    // First recovery of "twice" loses power while its final flush writes pages in place.
    fs.powerLossOnFsyncOf(p -> p.startsWith(twice) && p.toString().endsWith(".ibd"));
    Throwable t = catchThrowable(() -> StorageEngine.open(twice, config).close());
    assertThat(t).isNotNull();
    fs.restart();
    try (StorageEngine e = StorageEngine.open(twice, config)) {
      assertThat(CounterLoad.attach(e, load.spaceId, 100).verify()).isEqualTo(499);
    }
    assertThat(pageBodies(twice.resolve("test/t1.ibd")))
        .isEqualTo(pageBodies(once.resolve("test/t1.ibd")));
  }

  /** Page images from page 1 on, checksums excluded (both are clean, so bytes must match). */
  private static byte[] pageBodies(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int ps = 16384;
    int pages = all.length / ps;
    byte[] out = new byte[(pages - 1) * ps];
    System.arraycopy(all, ps, out, 0, out.length);
    return out;
  }

  /** Crash rounds per test; {@code -Ddolly.storage.rounds=50} for a long soak. */
  private static int rounds(int dflt) {
    return Integer.getInteger("dolly.storage.rounds", dflt);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
