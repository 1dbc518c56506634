package io.dolly.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A coarse guard that parsing stays cheap: sysbench's point select and update must parse far faster
 * than the ~10k statements/s it sends. The bound is loose so that a loaded two-core machine does
 * not fail it; {@code -Ddolly.parse.iterations=} raises the count for measuring.
 */
class ParserSpeedTest {
  @Test
  void sysbenchStatementsParseQuickly() {
    int iterations = Integer.getInteger("dolly.parse.iterations", 20_000);
    String[] statements = {
      "SELECT c FROM sbtest1 WHERE id=?",
      "UPDATE sbtest1 SET k=k+1 WHERE id=?",
      "SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c",
      "INSERT INTO sbtest1 (id, k, c, pad) VALUES (?, ?, ?, ?)",
    };
    for (int i = 0; i < 20_000; i++) {
      Parser.parseOne(statements[i % statements.length]);
    }
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      Parser.parseOne(statements[i % statements.length]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double perSecond = iterations / seconds;
    System.out.printf("parsed %d statements in %.3f s (%.0f/s)%n", iterations, seconds, perSecond);
    assertThat(perSecond).isGreaterThan(10_000);
  }
}
