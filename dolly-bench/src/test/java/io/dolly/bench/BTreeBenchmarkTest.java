package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmark's fixture and operations on a real engine, at a size that runs in a second: they
 * must do the work they claim (speed is not checked here).
 */
class BTreeBenchmarkTest {
  private static final Blackhole BLACKHOLE =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @TempDir Path parent;

  @Test
  void tableHoldsTheLoadedRowsAndIsDeletedOnClose() {
    Path dir;
    try (SbtestTable t =
        SbtestTable.create(parent, BTreeBenchmark.config(BTreeBenchmark.Pool.SMALL), 3000)) {
      dir = t.datadir();
      assertThat(t.tree().count()).isEqualTo(3000);
      assertThat(t.tree().get(SbtestTable.key(2999))).isNotNull();
      assertThat(t.tree().get(SbtestTable.key(3000))).isNull();
      assertThat(t.tree().verify().toString()).isNotEmpty();
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void operationsFindInsertAndScanRows() {
    for (BTreeBenchmark.Pool pool : BTreeBenchmark.Pool.values()) {
      BTreeBenchmark b = new BTreeBenchmark();
      b.pool = pool;
      b.rows = 1000;
      b.load();
      try {
        for (int i = 0; i < 200; i++) {
          assertThat(b.pointLookup()).isNotNull();
          assertThat(b.rangeScan100(BLACKHOLE)).isEqualTo(BTreeBenchmark.SCAN_ROWS);
          b.sequentialInsert();
        }
      } finally {
        b.close();
      }
    }
  }

  @Test
  void referenceDoesTheSameOperations() {
    SortedMapBenchmark m = new SortedMapBenchmark();
    m.rows = 1000;
    m.load();
    for (int i = 0; i < 200; i++) {
      assertThat(m.pointLookup()).isNotNull();
      assertThat(m.rangeScan100(BLACKHOLE)).isEqualTo(BTreeBenchmark.SCAN_ROWS);
      assertThat(m.sequentialInsert()).isNull();
    }
    m.dropInserted();
    assertThat(m.sequentialInsert()).isNull();
  }

  @Test
  void rowsAreSysbenchSized() {
    byte[] row = SbtestTable.row(new SplittableRandom(1));
    assertThat(row.length).isBetween(180, 260);
  }
}
