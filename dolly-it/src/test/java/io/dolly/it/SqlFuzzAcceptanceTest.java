package io.dolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dolly.protocol.client.ClientConnection;
import io.dolly.protocol.client.ConnectOptions;
import io.dolly.protocol.client.SslMode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never corrupts data: a bounded random-SQL run ({@link RandomSql}: valid DDL, DML,
 * queries and transactions mixed with mutated, invalid statements) over three concurrent
 * connections. Every statement either succeeds or fails with a MySQL error — never a dropped
 * connection or a non-MySQL error; at the end the server is alive, CHECK TABLE is OK on every
 * table, and after a restart CHECKSUM TABLE is the same. Seeded, the seed printed; replay one
 * connection's statements with {@code -Dfuzz.seed=<seed>} (the interleaving of the three is up to
 * the scheduler).
 */
class SqlFuzzAcceptanceTest {
  private static final int STATEMENTS = Integer.getInteger("fuzz.statements", 3_000);
  private static final int CONNECTIONS = 3;

  @TempDir Path dir;

  @Test
  void randomStatementsFailOnlyWithMysqlErrorsAndLeaveTablesSound() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("SqlFuzzAcceptanceTest seed=" + seed);
    Path data = dir.resolve("data");
    Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
    AtomicLong succeeded = new AtomicLong();
    Map<String, String> checksums = new TreeMap<>();
    long start = System.nanoTime();
    try (ServerProcess server = ServerProcess.start(data)) {
      try (ClientConnection root = connect(server, null)) {
        root.query("CREATE DATABASE fuzz");
        // Short lock waits: a connection's open transaction must not stall the others for 50 s.
        root.query("SET GLOBAL innodb_lock_wait_timeout = 1");
        root.query("SET GLOBAL lock_wait_timeout = 1");
        for (String ddl : RandomSql.SCHEMA) {
          root.query("USE fuzz");
          root.query(ddl);
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        SplittableRandom random = new SplittableRandom(seed + c);
        int connection = c;
        runs.add(
            pool.submit(
                () -> {
                  run(server, connection, seed, random, errors, succeeded);
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get();
      }
      pool.shutdown();
      assertThat(server.process().isAlive()).isTrue();

      try (ClientConnection c = connect(server, "fuzz")) {
        for (String t : RandomSql.TABLES) {
          List<String> check = c.query("CHECK TABLE " + t).rows().getLast();
          assertThat(check.get(3)).as("seed=%d CHECK TABLE %s: %s", seed, t, check).isEqualTo("OK");
          checksums.put(t, c.query("CHECKSUM TABLE " + t).rows().get(0).get(1));
        }
      }
      assertThat(server.stop()).isZero();
    }
    try (ServerProcess again = ServerProcess.start(data);
        ClientConnection c = connect(again, "fuzz")) {
      for (String t : RandomSql.TABLES) {
        assertThat(c.query("CHECKSUM TABLE " + t).rows().get(0).get(1))
            .as("seed=%d CHECKSUM TABLE %s after a restart", seed, t)
            .isEqualTo(checksums.get(t));
        assertThat(c.query("CHECK TABLE " + t).rows().getLast().get(3)).isEqualTo("OK");
      }
    }
    System.out.printf(
        "SqlFuzzAcceptanceTest: %d statements in %.1f s, %d succeeded, errors by number %s%n",
        STATEMENTS, (System.nanoTime() - start) / 1e9, succeeded.get(), new TreeMap<>(errors));
  }

  private static void run(
      ServerProcess server,
      int connection,
      long seed,
      SplittableRandom random,
      Map<Integer, AtomicLong> errors,
      AtomicLong succeeded)
      throws IOException {
    RandomSql sql = new RandomSql(random);
    try (ClientConnection c = connect(server, "fuzz")) {
      for (int i = 0; i < STATEMENTS / CONNECTIONS; i++) {
        byte[] statement = sql.next();
        String shown = new String(statement, StandardCharsets.UTF_8);
        String where =
            "seed=" + seed + " connection=" + connection + " statement " + i + ": " + shown;
        try {
          c.query(statement);
          succeeded.incrementAndGet();
        } catch (MysqlException e) {
          // A MySQL error: a server error number (not a client-side 2xxx), a SQLSTATE, and a
          // message that is MySQL's, not a Java exception's.
          assertThat(e.errorNumber()).as(where + " -> " + e.getMessage()).isBetween(1000, 13_999);
          assertThat(e.errorNumber() / 1000).as(where + " -> " + e.getMessage()).isNotEqualTo(2);
          assertThat(e.sqlState()).as(where).hasSize(5);
          assertThat(e.getMessage())
              .as(where)
              .doesNotContain("Exception")
              .doesNotContain("java.")
              .isNotEqualTo("Unknown error");
          // 1815 is how Dolly reports a Java exception it did not expect: a defect.
          assertThat(e.errorNumber()).as(where + " -> " + e.getMessage()).isNotEqualTo(1815);
          errors.computeIfAbsent(e.errorNumber(), n -> new AtomicLong()).incrementAndGet();
        } catch (IOException e) {
          fail(where + " dropped the connection: " + e + "\nserver log:\n" + tail(server.output()));
        }
      }
      c.query("ROLLBACK");
    }
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }

  private static ClientConnection connect(ServerProcess server, String database)
      throws IOException {
    ConnectOptions o =
        ConnectOptions.of("127.0.0.1", server.port(), "root", "")
            .withSsl(SslMode.DISABLED, null)
            .withTimeouts(5000, 120_000);
    return ClientConnection.connect(database == null ? o : o.withDatabase(database));
  }
}
