package io.dolly.storage.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.storage.StorageEngine;
import io.dolly.storage.io.ChannelFileSystem;
import io.dolly.storage.page.PageInspector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a child JVM runs transfers (and an insert-only journal) and is killed with
 * SIGKILL at a random moment; then recovery must leave every acknowledged commit present, nothing
 * partial, the total unchanged and every page checksum valid. The same directory goes through every
 * iteration, so recovery also follows recovery. {@code -Ddolly.kill.iterations=} (default 30;
 * {@code bench/crash-loop.sh} runs 500), {@code -Ddolly.kill.seed=} to replay.
 */
@Timeout(900)
class KillCrashTest {
  @TempDir Path dir;

  @Test
  void transfersSurviveSigkill() throws Exception {
    long seed = TxnFixture.seed("dolly.kill");
    SplittableRandom rnd = new SplittableRandom(seed);
    Set<Long> acknowledged = new HashSet<>();
    int iterations = Integer.getInteger("dolly.kill.iterations", 30);
    for (int i = 0; i < iterations; i++) {
      String context = "seed=" + seed + " iteration " + i;
      Child child = Child.start(dir, rnd.nextLong(), "transfers");
      child.awaitLine("READY");
      Thread.sleep(50 + rnd.nextInt(700));
      acknowledged.addAll(child.kill());
      verify(acknowledged, context);
    }
    System.out.println(iterations + " kills, " + acknowledged.size() + " acknowledged commits");
  }

  @Test
  void aLongTransactionAcrossCheckpointsIsRolledBackAfterSigkill() throws Exception {
    long seed = TxnFixture.seed("dolly.killlong");
    SplittableRandom rnd = new SplittableRandom(seed);
    Set<Long> acknowledged = new HashSet<>();
    for (int i = 0; i < Integer.getInteger("dolly.killlong.iterations", 3); i++) {
      String context = "seed=" + seed + " iteration " + i;
      Child child = Child.start(dir, rnd.nextLong(), "long");
      child.awaitLine("READY");
      child.awaitLine("CHECKPOINT 3");
      Thread.sleep(rnd.nextInt(200));
      acknowledged.addAll(child.kill());
      // Bank.verify checks the total: the long transaction's +1,000,000 must be gone.
      verify(acknowledged, context);
    }
  }

  private void verify(Set<Long> acknowledged, String context) throws Exception {
    StorageEngine engine = StorageEngine.open(dir, TxnFixture.small(ChannelFileSystem.INSTANCE));
    try {
      TransactionManager txns = TransactionManager.open(engine);
      Bank bank = KillWorkload.openOrCreate(dir, engine, txns);
      bank.verify(acknowledged, context);
    } finally {
      engine.close();
    }
    List<Path> spaces;
    try (Stream<Path> s = Files.walk(dir)) {
      spaces =
          s.filter(Files::isRegularFile)
              .filter(
                  p ->
                      p.toString().endsWith(".ibd")
                          || p.getFileName().toString().startsWith("undo_"))
              .toList();
    }
    for (Path p : spaces) {
      assertThat(PageInspector.verifyFile(ChannelFileSystem.INSTANCE, p, engine.pageSize()))
          .as(context + ": checksums of " + p)
          .isEmpty();
    }
  }

  /** A running workload process and the lines it printed. */
  private static final class Child {
    private final Process process;
    private final BufferedReader out;
    private final List<Long> acks = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(Path dir, long seed, String mode) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  KillWorkload.class.getName(),
                  dir.toString(),
                  String.valueOf(seed),
                  mode)
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

    /** SIGKILL, then every commit the child acknowledged before it died. */
    List<Long> kill() throws Exception {
      // Through the handle: Process.destroyForcibly would also close our end of the pipe and lose
      // the acknowledgements the child wrote just before it died.
      process.toHandle().destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      String line;
      while ((line = out.readLine()) != null) {
        record(line);
      }
      return acks;
    }

    private void record(String line) {
      if (line.startsWith("ACK ") && line.endsWith(" .")) {
        acks.add(Long.parseLong(line.substring(4, line.length() - 2)));
      }
    }
  }
}
