package io.dolly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.sql.parse.Parser;
import org.junit.jupiter.api.Test;

/** The parser benchmark's input must stay valid SQL, or it would measure error paths. */
class SysbenchStatementTest {
  @Test
  void everyGeneratedStatementParses() {
    for (SysbenchStatement kind : SysbenchStatement.values()) {
      for (String sql : kind.texts(50, 42)) {
        assertThat(Parser.parseOne(sql)).as(sql).isNotNull();
      }
    }
  }

  @Test
  void textsAreReproducibleFromTheSeedAndVary() {
    String[] a = SysbenchStatement.INSERT.texts(10, 5);
    assertThat(SysbenchStatement.INSERT.texts(10, 5)).containsExactly(a);
    assertThat(a).doesNotHaveDuplicates();
    assertThat(a[0]).contains("INSERT INTO sbtest1 (id, k, c, pad) VALUES (");
  }

  @Test
  void benchmarkMethodParsesInTurn() {
    ParserBenchmark b = new ParserBenchmark();
    b.statement = SysbenchStatement.RANGE_ORDER_BY;
    b.generate();
    for (int i = 0; i < 2000; i++) {
      assertThat(b.parse()).isNotNull();
    }
  }
}
