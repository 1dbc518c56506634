package io.dolly.bench;

import io.dolly.sql.ast.Statement;
import io.dolly.sql.parse.Parser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statements parsed per second, one thread, for each sysbench statement kind.
 *
 * <p>There is no meaningful reference to run beside it (splitting the same text into words does not
 * do a parser's work), so the figure is read against what the load needs: sysbench sends about
 * 10,000 statements a second per connection at most, so a parser at N ops/s costs 10,000 / N of a
 * core per connection. {@link JmhMarkdown} prints that ratio.
 *
 * <p>Each invocation parses the next of {@value #TEXTS} pre-generated texts with different values,
 * so no cache or branch predictor sees the same literal twice in a row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class ParserBenchmark {
  private static final int TEXTS = 1024;

  @Param({"POINT_SELECT", "UPDATE_BY_ID", "RANGE_ORDER_BY", "INSERT"})
  public SysbenchStatement statement;

  private String[] texts;
  private int next;

  @Setup(Level.Trial)
  public void generate() {
    texts = statement.texts(TEXTS, 42);
  }

  @Benchmark
  public Statement parse() {
    String sql = texts[next];
    next = (next + 1) & (TEXTS - 1);
    return Parser.parseOne(sql);
  }
}
