package io.dolly.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.io.ChannelFileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Rough numbers for the engine's hot path; run with {@code -Ddolly.storage.bench=true}. */
@EnabledIfSystemProperty(named = "dolly.storage.bench", matches = "true")
class ThroughputTest {
  @TempDir Path dir;

  @Test
  void miniTransactionsPerSecond() throws Exception {
    try (StorageEngine engine =
        StorageEngine.open(
            dir, StorageConfig.defaults().withFileSystem(ChannelFileSystem.INSTANCE))) {
      CounterLoad load = CounterLoad.create(engine, "test/t.ibd", 1000);
      SplittableRandom rnd = new SplittableRandom(1);
      int n = 200_000;
      long t0 = System.nanoTime();
      for (int j = 0; j < n; j++) {
        load.step(j, rnd);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("1 thread, no commit wait: %.0f mtr/s%n", n / s);

      int threads = 8;
      int per = 2000;
      t0 = System.nanoTime();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          long seed = t;
          fs.add(
              pool.submit(
                  () -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int j = 0; j < per; j++) {
                      engine.waitDurable(load.step(j, r));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      }
      s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%d threads, durable commits: %.0f commits/s, %d fsyncs%n",
          threads, threads * per / s, engine.redoLog().fsyncCount());
      assertThat(load.verifyConcurrent()).isGreaterThan(0);
    }
  }
}
