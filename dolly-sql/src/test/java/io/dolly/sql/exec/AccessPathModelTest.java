package io.dolly.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries whose WHERE the planner serves from the primary key or a secondary index return exactly
 * the rows a plain filter over a model of the table returns, after random inserts, updates and
 * deletes. Replay with {@code -DAccessPathModelTest.seed=<n>}.
 */
class AccessPathModelTest {
  @TempDir Path dir;

  @Test
  void indexPathsAgreeWithAFilteredModel() throws Exception {
    String fixed = System.getProperty("AccessPathModelTest.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    System.out.println("AccessPathModelTest seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    try (StorageFixture fx = new StorageFixture(dir)) {
      SqlSession s = fx.session();
      SessionFixture.run(s, "CREATE DATABASE m");
      SessionFixture.run(s, "USE m");
      SessionFixture.run(s, "CREATE TABLE t (id INT PRIMARY KEY, k INT, KEY k_1 (k))");
      TreeMap<Long, Long> model = new TreeMap<>();
      for (int op = 0; op < 300; op++) {
        long id = random.nextInt(200);
        long k = random.nextInt(20);
        switch (random.nextInt(3)) {
          case 0 -> {
            SessionFixture.run(s, "INSERT IGNORE INTO t VALUES (" + id + ", " + k + ")");
            model.putIfAbsent(id, k);
          }
          case 1 -> {
            SessionFixture.run(s, "UPDATE t SET k = " + k + " WHERE id = " + id);
            model.computeIfPresent(id, (x, old) -> k);
          }
          default -> {
            SessionFixture.run(s, "DELETE FROM t WHERE id = " + id);
            model.remove(id);
          }
        }
      }
      for (int q = 0; q < 200; q++) {
        boolean onKey = random.nextBoolean();
        String column = onKey ? "k" : "id";
        long a = random.nextInt(onKey ? 22 : 210) - 1;
        long b = a + random.nextInt(onKey ? 6 : 40);
        String[] ops = {"=", "<", "<=", ">", ">=", "BETWEEN", "IN"};
        String op = ops[random.nextInt(ops.length)];
        String where =
            switch (op) {
              case "BETWEEN" -> column + " BETWEEN " + a + " AND " + b;
              case "IN" -> column + " IN (" + a + ", " + b + ")";
              default -> column + " " + op + " " + a;
            };
        LongPredicate test =
            switch (op) {
              case "=" -> v -> v == a;
              case "<" -> v -> v < a;
              case "<=" -> v -> v <= a;
              case ">" -> v -> v > a;
              case ">=" -> v -> v >= a;
              case "BETWEEN" -> v -> v >= a && v <= b;
              default -> v -> v == a || v == b;
            };
        List<String> expected = new ArrayList<>();
        model.forEach(
            (id, k) -> {
              if (test.test(onKey ? k : id)) {
                expected.add(id + "|" + k);
              }
            });
        String query = "SELECT id, k FROM t WHERE " + where + " ORDER BY id";
        assertThat(StorageFixture.rows(s, query))
            .as("seed " + seed + ": " + query)
            .isEqualTo(expected);
      }
      // Index nested-loop joins: the inner table is read through its primary key or k_1.
      List<String> byPrimary = new ArrayList<>();
      List<String> byIndex = new ArrayList<>();
      model.forEach(
          (id, k) -> {
            if (model.containsKey(k)) {
              byPrimary.add(id + "|" + k);
            }
            model.forEach(
                (id2, k2) -> {
                  if (k2.equals(id)) {
                    byIndex.add(id + "|" + id2);
                  }
                });
          });
      assertThat(
              StorageFixture.rows(
                  s, "SELECT a.id, b.id FROM t a JOIN t b ON b.id = a.k ORDER BY a.id"))
          .as("seed " + seed)
          .isEqualTo(byPrimary);
      assertThat(
              StorageFixture.rows(
                  s, "SELECT a.id, b.id FROM t a JOIN t b ON b.k = a.id ORDER BY a.id, b.id"))
          .as("seed " + seed)
          .isEqualTo(byIndex);
      s.close();
    }
  }
}
