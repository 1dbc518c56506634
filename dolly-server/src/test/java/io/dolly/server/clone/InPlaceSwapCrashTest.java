package io.dolly.server.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolly.clone.CloneStage;
import io.dolly.clone.donor.CloneSnapshot;
import io.dolly.clone.local.Cancellation;
import io.dolly.clone.local.CloneSettings;
import io.dolly.clone.local.LocalClone;
import io.dolly.clone.status.CloneProgressRow;
import io.dolly.clone.status.CloneState;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.CloneStatusRow;
import io.dolly.clone.transfer.BandwidthThrottle;
import io.dolly.storage.StorageConfig;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.txn.TransactionManager;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-place swap stopped after each of its durable steps in turn — as by a crash — and then
 * started again leaves the server on exactly one whole instance: the old one (B) or the cloned one
 * (A), with B's own identity and keys kept and the status tables telling which. The staging copy is
 * made the real way, by a local clone of A's running engine into B's {@code #clone/staging/}.
 */
@Timeout(120)
class InPlaceSwapCrashTest {
  private static final StorageConfig CONFIG =
      StorageConfig.defaults().withRedoLogCapacity(8L << 20).withBufferPoolSize(8L << 20);
  private static final InstantSource CLOCK = InstantSource.system();

  @TempDir Path dir;
  private Path template;

  /** Thrown by the step hook: the process "dies" before that step. */
  private static final class Crash extends RuntimeException {
    Crash(String step) {
      super("crash before " + step, null, false, false);
    }
  }

  /** Stops the swap before its {@code limit}-th durable step and lists the steps it reached. */
  private static final class CrashAt implements StagedSwap.Steps {
    final int limit;
    final List<String> seen = new ArrayList<>();

    CrashAt(int limit) {
      this.limit = limit;
    }

    @Override
    public void before(String step) {
      if (seen.size() == limit) {
        throw new Crash(step);
      }
      seen.add(step);
    }
  }

  @BeforeEach
  void serverBWithACopyOfAStaged() throws Exception {
    template = dir.resolve("b");
    instance(template, "b_db", "accounts of B\n").close();
    Files.writeString(template.resolve("auto.cnf"), "[auto]\nserver-uuid=uuid-of-b\n");
    Files.writeString(template.resolve("server-key.pem"), "key of B\n");
    Files.createDirectories(template.resolve("#clone"));
    try (StorageEngine a = instance(dir.resolve("a"), "a_db", "accounts of A\n")) {
      CloneStatusBoard donorBoard = CloneStatusBoard.load(dir.resolve("a-board"), CLOCK);
      Path staging = template.resolve("#clone").resolve(StagedSwap.STAGING);
      donorBoard.begin(1, LocalClone.SOURCE, staging.toString());
      try (CloneSnapshot snapshot =
          CloneSnapshot.open(a, List.of("mysql/accounts"), Duration.ofSeconds(5), null)) {
        new LocalClone(
                snapshot,
                staging,
                new CloneSettings(2, false, 1 << 20, BandwidthThrottle.ofMibPerSecond(0)),
                donorBoard,
                Cancellation.none())
            .run();
      }
    }
  }

  @Test
  void aCrashBeforeAnyStepOfASuccessfulSwapEndsOnOneWholeInstance() throws Exception {
    int steps = 0;
    for (int limit = 0; ; limit++) {
      Path datadir = copyOfTemplate("run" + limit);
      CrashAt crash = new CrashAt(limit);
      boolean crashed = runSwap(datadir, crash);
      if (!crashed) {
        steps = limit;
        System.out.println("swap steps, each a crash point: " + crash.seen);
        // Without a crash the swap ends on A, and nothing of it is left over.
        assertServes(datadir, "a_db", "accounts of A\n", "after a swap without crash");
        break;
      }
      String where = "crash before step " + limit + " (" + crash.seen + ")";
      startAfterCrash(datadir, StagedSwap.Steps.NONE);
      // Once the staged copy is recorded complete, a start finishes the swap: only a crash before
      // that first record leaves B, and then the clone reads Failed (interrupted).
      if (limit == 0) {
        assertServes(datadir, "b_db", "accounts of B\n", where);
        assertFailed(datadir, 1317, where);
      } else {
        assertServes(datadir, "a_db", "accounts of A\n", where);
      }
    }
    assertThat(steps).as("durable steps of a swap").isGreaterThan(10);
  }

  @Test
  void aCloneThatCannotBeRecoveredRollsBackToTheOldInstanceWhereverTheRollbackIsInterrupted()
      throws Exception {
    // A torn system tablespace in the copy: the engine cannot open it.
    try (FileChannel ch =
        FileChannel.open(template.resolve("#clone/staging/mysql.ibd"), StandardOpenOption.WRITE)) {
      ch.truncate(100);
    }
    CrashAt whole = new CrashAt(Integer.MAX_VALUE);
    Path first = copyOfTemplate("whole");
    assertThat(runSwap(first, whole)).isFalse();
    assertServes(first, "b_db", "accounts of B\n", "no crash");
    assertFailed(first, 1815, "no crash");
    // Crashes before the rollback are the forward steps of the test above; here, every step of
    // the rollback itself.
    int rollbackStart = whole.seen.indexOf("record " + SwapPhase.REMOVING_NEW);
    assertThat(rollbackStart).as(whole.seen.toString()).isPositive();
    for (int limit = rollbackStart; limit < whole.seen.size(); limit++) {
      Path datadir = copyOfTemplate("run" + limit);
      CrashAt crash = new CrashAt(limit);
      assertThat(runSwap(datadir, crash)).isTrue();
      String where = "crash before step " + limit + " (" + whole.seen.get(limit) + ")";
      startAfterCrash(datadir, StagedSwap.Steps.NONE);
      assertServes(datadir, "b_db", "accounts of B\n", where);
      assertFailed(datadir, 1815, where);
    }
  }

  @Test
  void anIoFailureAtAnyStepBeforeRecoveryRollsBackToTheOldInstance() throws Exception {
    CrashAt whole = new CrashAt(Integer.MAX_VALUE);
    assertThat(runSwap(copyOfTemplate("whole"), whole)).isFalse();
    int from = whole.seen.indexOf("record " + SwapPhase.MOVING_OLD);
    int to = whole.seen.indexOf("record " + SwapPhase.RECOVERING);
    assertThat(to).as(whole.seen.toString()).isGreaterThan(from + 4);
    for (int limit = from; limit <= to; limit++) {
      Path datadir = copyOfTemplate("io" + limit);
      assertThat(runSwap(datadir, new FailOnce(limit))).isFalse();
      String where = "I/O failure before " + whole.seen.get(limit);
      assertServes(datadir, "b_db", "accounts of B\n", where);
      CloneStatusRow status = assertFailed(datadir, 1815, where);
      assertThat(status.errorMessage()).as(where).contains("in-place swap failed", "injected");
    }
  }

  /** Fails the {@code at}-th durable step with an I/O error, once; the rollback then proceeds. */
  private static final class FailOnce implements StagedSwap.Steps {
    private final int at;
    private int count;

    FailOnce(int at) {
      this.at = at;
    }

    @Override
    public void before(String step) throws IOException {
      if (count++ == at) {
        throw new IOException("injected failure before " + step);
      }
    }
  }

  @Test
  void aStopSignalCutsTheDropDataDelayShort() throws Exception {
    Path datadir = copyOfTemplate("delayed");
    long start = System.nanoTime();
    assertThat(runSwap(datadir, StagedSwap.Steps.NONE, 3600)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    assertServes(datadir, "a_db", "accounts of A\n", "delay cut short");
  }

  @Test
  void aStagingCopyThatNoSwapClaimsIsRemovedAtStart() throws Exception {
    Path datadir = copyOfTemplate("leftover");
    Files.createDirectories(datadir.resolve("#clone/staging/#clone"));
    Files.writeString(datadir.resolve("#clone/staging/#clone/in_progress"), "partial\n");
    assertThat(InPlaceProvisioning.resumeAtStart(datadir, CLOCK)).isEmpty();
    assertServes(datadir, "b_db", "accounts of B\n", "leftover staging");
  }

  /**
   * What the transport and the server do: the clone on B's board up to FILE SYNC, provision, then
   * the in-process restart (the start-up hook, opening the engine, reporting recovery). True when
   * the hook stopped it.
   */
  private static boolean runSwap(Path datadir, StagedSwap.Steps steps) throws IOException {
    return runSwap(datadir, steps, 0);
  }

  private static boolean runSwap(Path datadir, StagedSwap.Steps steps, long delaySeconds)
      throws IOException {
    CloneStatusBoard board = CloneStatusBoard.load(datadir.resolve("#clone"), CLOCK);
    board.begin(9, "donor:3306", "LOCAL INSTANCE");
    for (CloneStage s :
        List.of(
            CloneStage.FILE_COPY,
            CloneStage.PAGE_COPY,
            CloneStage.REDO_COPY,
            CloneStage.FILE_SYNC)) {
      board.beginStage(s, 10, 1);
      board.addBytes(s, 10, 10);
      board.endStage(s);
    }
    boolean[] restarted = new boolean[1];
    try {
      new InPlaceProvisioning(datadir, board, () -> delaySeconds, () -> restarted[0] = true, steps)
          .provision();
      assertThat(restarted[0]).isTrue();
      startAfterCrash(datadir, steps);
      return false;
    } catch (Crash c) {
      return true;
    }
  }

  /** The server's start: the hook, then the engine; a failed open rolls back and starts again. */
  private static void startAfterCrash(Path datadir, StagedSwap.Steps steps) throws IOException {
    Optional<InPlaceProvisioning.Pending> pending =
        InPlaceProvisioning.resumeAtStart(datadir, CLOCK, steps);
    if (pending.isEmpty()) {
      return;
    }
    Opened opened;
    try {
      opened = open(datadir);
    } catch (RuntimeException e) {
      pending.get().failed(e);
      assertThat(InPlaceProvisioning.resumeAtStart(datadir, CLOCK, steps)).isEmpty();
      return;
    }
    try {
      // A stop signal is already pending: clone_delay_after_data_drop must not hold the start.
      pending.get().recovered(() -> true);
    } finally {
      opened.engine.close();
    }
  }

  private record Opened(StorageEngine engine, Dictionary dictionary) {}

  private static Opened open(Path datadir) {
    StorageEngine engine = StorageEngine.open(datadir, CONFIG);
    try {
      return new Opened(engine, Dictionary.open(engine, TransactionManager.open(engine)));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** The directory holds exactly one whole instance, B's kept files, and no swap remnants. */
  private static void assertServes(Path datadir, String schema, String accounts, String where)
      throws IOException {
    assertThat(datadir.resolve("#clone/swap")).as(where).doesNotExist();
    assertThat(datadir.resolve("#clone/staging")).as(where).doesNotExist();
    assertThat(datadir.resolve("#clone/old")).as(where).doesNotExist();
    assertThat(Files.readString(datadir.resolve("auto.cnf"))).as(where).contains("uuid-of-b");
    assertThat(Files.readString(datadir.resolve("server-key.pem")))
        .as(where)
        .isEqualTo("key of B\n");
    assertThat(Files.readString(datadir.resolve("mysql/accounts"))).as(where).isEqualTo(accounts);
    Opened opened = open(datadir);
    try {
      List<String> schemas =
          opened.dictionary.schemas().stream().map(SchemaDefinition::name).toList();
      assertThat(schemas).as(where).contains(schema).doesNotContain(other(schema));
    } finally {
      opened.engine.close();
    }
    if (schema.equals("a_db")) {
      CloneStatusBoard board = CloneStatusBoard.load(datadir.resolve("#clone"), CLOCK);
      CloneStatusRow status = board.status().orElseThrow();
      assertThat(status.state()).as(where).isEqualTo(CloneState.COMPLETED);
      assertThat(board.progress())
          .as(where)
          .extracting(CloneProgressRow::state)
          .containsOnly(CloneState.COMPLETED)
          .hasSize(7);
    }
  }

  private static CloneStatusRow assertFailed(Path datadir, int errorNo, String where)
      throws IOException {
    CloneStatusRow status =
        CloneStatusBoard.load(datadir.resolve("#clone"), CLOCK).status().orElseThrow();
    assertThat(status.state()).as(where).isEqualTo(CloneState.FAILED);
    assertThat(status.errorNo()).as(where).isEqualTo(errorNo);
    return status;
  }

  private static String other(String schema) {
    return schema.equals("a_db") ? "b_db" : "a_db";
  }

  private static StorageEngine instance(Path datadir, String schema, String accounts)
      throws IOException {
    StorageEngine engine = StorageEngine.open(datadir, CONFIG);
    Dictionary dictionary = Dictionary.open(engine, TransactionManager.open(engine));
    dictionary.createSchema(
        new SchemaDefinition(schema, "utf8mb4", "utf8mb4_0900_ai_ci", false, false));
    Files.createDirectories(datadir.resolve("mysql"));
    Files.writeString(datadir.resolve("mysql/accounts"), accounts, StandardCharsets.UTF_8);
    return engine;
  }

  private Path copyOfTemplate(String name) throws IOException {
    Path target = dir.resolve(name);
    try (Stream<Path> all = Files.walk(template)) {
      for (Path p : all.toList()) {
        Path to = target.resolve(template.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
