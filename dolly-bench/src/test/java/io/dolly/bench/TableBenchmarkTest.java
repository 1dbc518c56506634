package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The table benchmark's operations at a small size: they must do what they claim. */
class TableBenchmarkTest {
  @Test
  void operationsFindUpdateAndInsertRows() throws Exception {
    TableBenchmark b = new TableBenchmark();
    b.rows = 500;
    b.load();
    try {
      assertThat(b.table().rowCount()).isEqualTo(500);
      for (int i = 0; i < 100; i++) {
        assertThat(b.pointSelect()).isPresent();
        assertThat(b.pointSelectWithoutTransaction()).isPresent();
        b.secondaryLookup();
        assertThat(b.updateIndexed()).isTrue();
        assertThat(b.updateNonIndexed()).isTrue();
        assertThat(b.insert()).isZero();
      }
      assertThat(b.table().rowCount()).isEqualTo(600);
      assertThat(b.table().check().problems()).isEmpty();
    } finally {
      b.close();
    }
  }
}
