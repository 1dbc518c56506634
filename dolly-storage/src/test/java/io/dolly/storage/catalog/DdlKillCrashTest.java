package io.dolly.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link DdlWorkload}) runs DDL and is killed with SIGKILL at a random moment; after
 * recovery the tables must be those of every acknowledged DDL, with or without the one in flight,
 * each table whole (its indexes agree, it has 0 or all of its rows) and no tablespace file left
 * that no table uses. The same directory goes through every iteration. {@code
 * -Ddolly.ddlkill.iterations=} (default 8), {@code -Ddolly.ddlkill.seed=} to replay.
 */
@Timeout(300)
class DdlKillCrashTest {
  @TempDir Path dir;

  @Test
  void ddlIsAtomicAcrossSigkill() throws Exception {
    long seed = CatalogFixture.seed("dolly.ddlkill");
    SplittableRandom rnd = new SplittableRandom(seed);
    Set<String> known = new TreeSet<>();
    int acked = 0;
    for (int i = 0; i < Integer.getInteger("dolly.ddlkill.iterations", 8); i++) {
      String context = "seed=" + seed + " iteration " + i;
      Child child = Child.start(dir, rnd.nextLong());
      child.awaitLine("READY");
      Thread.sleep(100 + rnd.nextInt(600));
      child.kill();
      Set<String> acknowledged = new TreeSet<>(known);
      for (String[] op : child.acknowledged) {
        apply(acknowledged, op);
      }
      Set<String> withPending = new TreeSet<>(acknowledged);
      if (child.pending != null) {
        apply(withPending, child.pending);
      }
      acked += child.acknowledged.size();
      known = verify(acknowledged, withPending, context);
    }
    System.out.println(acked + " acknowledged DDL statements");
  }

  private static void apply(Set<String> tables, String[] op) {
    switch (op[0]) {
      case "CREATE" -> tables.add(op[1]);
      case "DROP" -> tables.remove(op[1]);
      case "RENAME" -> {
        tables.remove(op[1]);
        tables.add(op[2]);
      }
      case "DROPSCHEMA" -> tables.clear();
      default -> {} // TRUNCATE, ALTER keep the name; CREATESCHEMA adds none
    }
  }

  private Set<String> verify(Set<String> acknowledged, Set<String> withPending, String context)
      throws Exception {
    try (CatalogFixture db = new CatalogFixture(dir)) {
      Set<String> actual = new TreeSet<>(db.dictionary.tableNames(DdlWorkload.SCHEMA));
      assertThat(actual).as(context + ": tables").isIn(acknowledged, withPending);
      Set<String> files = new TreeSet<>();
      for (String name : actual) {
        Table t = db.dictionary.table(DdlWorkload.SCHEMA, name).orElseThrow();
        assertThat(t.definition()).as(context).isEqualTo(DdlWorkload.definition(name));
        assertThat(t.check().problems()).as(context + ": check " + name).isEmpty();
        List<Object> ids = new ArrayList<>();
        try (RowCursor c =
            t.scan(
                null, "by_v", KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
          while (c.next()) {
            ids.add(c.row()[0]);
          }
        }
        assertThat(ids.size()).as(context + ": rows of " + name).isIn(0, DdlWorkload.ROWS);
        files.add(t.stored().file());
      }
      try (Stream<Path> s = Files.walk(dir)) {
        List<String> onDisk =
            s.filter(p -> p.toString().endsWith(".ibd"))
                .map(p -> dir.relativize(p).toString())
                .filter(p -> p.contains("/"))
                .toList();
        assertThat(new TreeSet<>(onDisk)).as(context + ": tablespace files").isEqualTo(files);
      }
      return actual;
    }
  }

  /** A running workload process and what it printed. */
  private static final class Child {
    private final Process process;
    private final BufferedReader out;
    final List<String[]> acknowledged = new ArrayList<>();
    String[] pending;

    private Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(Path dir, long seed) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  DdlWorkload.class.getName(),
                  dir.toString(),
                  String.valueOf(seed))
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      return new Child(pb.start());
    }

    void awaitLine(String expected) throws Exception {
      String line;
      while ((line = out.readLine()) != null) {
        record(line);
        if (line.equals(expected)) {
          return;
        }
      }
      throw new AssertionError("workload exited (" + process.waitFor() + ") before " + expected);
    }

    void kill() throws Exception {
      // Through the handle, so that the lines written just before the kill are still read.
      process.toHandle().destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      String line;
      while ((line = out.readLine()) != null) {
        record(line);
      }
    }

    private void record(String line) {
      if (line.startsWith("BEGIN ")) {
        pending = line.substring(6).split(" ");
      } else if (line.equals("ACK .") && pending != null) {
        acknowledged.add(pending);
        pending = null;
      }
    }
  }
}
