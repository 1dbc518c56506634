package io.dolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bank transfers over SQL on a donor: {@code bank.acct} holds accounts 1..accounts at {@link
 * #INITIAL} each (plus account 0, kept for the open transaction) and every transfer moves an amount
 * between two of them and inserts its {@code bank.journal} row in the same transaction. The ids of
 * committed transfers are recorded as they are acknowledged, so that a copy can be checked for
 * every transfer acknowledged before a point in time.
 */
final class TransferWorkload implements AutoCloseable {
  static final long INITIAL = 1000;

  /** The journal id and the account 0 balance of the transaction held open across a clone. */
  static final long UNCOMMITTED = 1_000_000_000_000L;

  static final long UNCOMMITTED_BALANCE = -1;

  private final ServerProcess donor;
  private final int accounts;
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong ids = new AtomicLong();
  private final List<Thread> writers = new ArrayList<>();

  private TransferWorkload(ServerProcess donor, int accounts) {
    this.donor = donor;
    this.accounts = accounts;
  }

  /** Creates {@code bank} with its accounts, then starts {@code threads} writers. */
  static TransferWorkload start(ServerProcess donor, int threads, int accounts, long seed)
      throws SQLException {
    TransferWorkload w = new TransferWorkload(donor, accounts);
    try (Connection c = donor.root();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bank");
      s.execute("CREATE TABLE bank.acct (id INT PRIMARY KEY, bal BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE bank.journal (id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL,"
              + " amount BIGINT NOT NULL)");
      // 500 rows per statement: 10,000 accounts in a few statements.
      for (int first = 0; first <= accounts; first += 500) {
        StringBuilder insert = new StringBuilder("INSERT INTO bank.acct VALUES ");
        for (int i = first; i <= Math.min(accounts, first + 499); i++) {
          insert.append(i == first ? "" : ",").append('(').append(i).append(',');
          insert.append(INITIAL).append(')');
        }
        s.execute(insert.toString());
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int t = 0; t < threads; t++) {
      long threadSeed = rnd.nextLong();
      w.writers.add(Thread.ofPlatform().start(() -> w.transfers(threadSeed)));
    }
    return w;
  }

  int accounts() {
    return accounts;
  }

  /** The ids of the transfers acknowledged so far: a snapshot. */
  Set<Long> acknowledged() {
    return new HashSet<>(acknowledged);
  }

  /** What the writers failed with other than deadlocks and lock wait timeouts. */
  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /**
   * Opens a transaction that changes account 0 and inserts journal row {@link #UNCOMMITTED}, for a
   * clone to run across; the caller rolls it back (or closes the connection) afterwards.
   */
  Connection openTransaction() throws SQLException {
    Connection open = donor.root();
    open.setAutoCommit(false);
    try (Statement o = open.createStatement()) {
      o.execute("UPDATE bank.acct SET bal = " + UNCOMMITTED_BALANCE + " WHERE id = 0");
      o.execute("INSERT INTO bank.journal VALUES (" + UNCOMMITTED + ", 1, 2, 5000)");
    }
    return open;
  }

  /** Stops the writers and waits for them. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread w : writers) {
      w.join();
    }
  }

  /** One writer: transfers between accounts 1..accounts, each with its journal row. */
  private void transfers(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (Connection c = donor.root();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (!stop.get()) {
        int from = 1 + rnd.nextInt(accounts);
        int to = 1 + rnd.nextInt(accounts);
        long amount = 1 + rnd.nextInt(100);
        long id = ids.incrementAndGet();
        try {
          s.execute("UPDATE bank.acct SET bal = bal - " + amount + " WHERE id = " + from);
          s.execute("UPDATE bank.acct SET bal = bal + " + amount + " WHERE id = " + to);
          s.execute(
              "INSERT INTO bank.journal VALUES ("
                  + id
                  + ", "
                  + from
                  + ", "
                  + to
                  + ", "
                  + amount
                  + ")");
          c.commit();
          acknowledged.add(id);
        } catch (SQLException e) {
          if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205) {
            throw e;
          }
          c.rollback(); // deadlock victim or lock wait: nothing of it committed
        }
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }
}
