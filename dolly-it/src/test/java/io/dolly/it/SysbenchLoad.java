package io.dolly.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sysbench oltp_write_only} on a server's {@code sbtest} schema, run back to back in periods
 * of a few seconds until closed, so that it writes throughout a sequence of clones and each
 * period's report can be checked: exit code 0, no FATAL or error line; and over the whole run,
 * deadlocks retried by sysbench ("ignored errors") at most 1% of the transactions, as {@link
 * SysbenchAcceptanceTest} allows for the write workloads. (Over the whole run, not per period: on a
 * loaded machine a period may hold a few dozen transactions, where one deadlock is already 2%.)
 */
final class SysbenchLoad implements AutoCloseable {
  private static final Pattern TRANSACTIONS = Pattern.compile("transactions:\\s+(\\d+)");
  private static final Pattern IGNORED = Pattern.compile("ignored errors:\\s+(\\d+)");
  private static final int PERIOD_SECONDS = 5;

  private final int port;
  private final int threads;
  private final int tableSize;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private Thread runner;

  private SysbenchLoad(int port, int threads, int tableSize) {
    this.port = port;
    this.threads = threads;
    this.tableSize = tableSize;
  }

  /** Prepares 2 tables of {@code tableSize} rows in {@code sbtest} (created here) and starts. */
  static SysbenchLoad start(ServerProcess server, int threads, int tableSize) throws IOException {
    Cli.require("sysbench");
    Cli.Result create = Cli.mariadb(server.port(), "root", "", "CREATE DATABASE sbtest");
    if (create.exitCode() != 0) {
      throw new IOException("CREATE DATABASE sbtest: " + create.stderr());
    }
    SysbenchLoad load = new SysbenchLoad(server.port(), threads, tableSize);
    Cli.Result prepare = load.sysbench("prepare");
    if (prepare.exitCode() != 0) {
      throw new IOException("sysbench prepare: " + prepare.stdout() + prepare.stderr());
    }
    load.runner = Thread.ofPlatform().start(load::periods);
    return load;
  }

  private Cli.Result sysbench(String command, String... extra) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sysbench",
                "oltp_write_only",
                "--mysql-host=127.0.0.1",
                "--mysql-port=" + port,
                "--mysql-user=root",
                "--mysql-db=sbtest",
                "--tables=2",
                "--table-size=" + tableSize));
    cmd.addAll(List.of(extra));
    cmd.add(command);
    return Cli.run(cmd, null, PERIOD_SECONDS + 120);
  }

  private void periods() {
    while (!stop.get()) {
      try {
        Cli.Result r = sysbench("run", "--threads=" + threads, "--time=" + PERIOD_SECONDS);
        String out = r.stdout() + r.stderr();
        long done = number(TRANSACTIONS, out);
        long retried = number(IGNORED, out);
        if (r.exitCode() != 0 || out.contains("FATAL") || out.contains("error ") || done <= 0) {
          errors.add(out);
        }
        transactions.addAndGet(Math.max(done, 0));
        ignored.addAndGet(Math.max(retried, 0));
      } catch (IOException | RuntimeException e) {
        errors.add(e.toString());
        return;
      }
    }
  }

  private static long number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  long transactions() {
    return transactions.get();
  }

  long ignored() {
    return ignored.get();
  }

  /**
   * Each failed period's report, and the totals when more than 1% of all transactions were retried;
   * empty when the load ran without errors.
   */
  List<String> errors() {
    List<String> out = new ArrayList<>(errors);
    if (ignored.get() > transactions.get() / 100) {
      out.add(ignored.get() + " ignored errors in " + transactions.get() + " transactions");
    }
    return out;
  }

  /** Lets the running period end (at most {@value #PERIOD_SECONDS} s) and starts no other. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    if (runner != null) {
      runner.join();
    }
  }
}
