package io.dolly.clone.status;

import io.dolly.clone.CloneStage;
import io.dolly.protocol.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live model behind {@code performance_schema.clone_status}, {@code clone_progress} and {@code
 * clone_history}. The running clone reports stage changes and byte counts; any session may read a
 * consistent snapshot at any time (every method is synchronized and readers get immutable rows).
 *
 * <p>Persisted in {@code #clone/status} ({@link StatusFile}) at every state change and, while bytes
 * flow, at most once per {@link #PERSIST_INTERVAL}. A board loaded from a file whose clone was
 * still In Progress (the process died) shows it Failed with 1317.
 *
 * <p>Speeds are bytes per second over the last completed one-second window of the running stage;
 * other stages show 0.
 */
public final class CloneStatusBoard {
  public static final Duration PERSIST_INTERVAL = Duration.ofSeconds(1);
  public static final Duration SPEED_WINDOW = Duration.ofSeconds(1);

  /** Past clones kept in clone_history; the oldest are dropped beyond this. */
  public static final int MAX_HISTORY = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(CloneStatusBoard.class);
  private static final int STAGES = CloneStage.values().length;

  private final Path cloneDir;
  private final InstantSource clock;
  private final List<CloneStatusRow> history = new ArrayList<>();
  private long lastId;
  private Current current;
  private Instant lastPersist = Instant.MIN;

  /** The latest clone, mutable while it runs. */
  private static final class Current {
    long id;
    long pid;
    CloneState state;
    Instant begin;
    Instant end;
    String source;
    String destination;
    int errorNo;
    String errorMessage;
    String binlogFile;
    long binlogPosition;
    String gtidExecuted;
    final Stage[] stages = new Stage[STAGES];
  }

  private static final class Stage {
    CloneState state = CloneState.NOT_STARTED;
    Instant begin;
    Instant end;
    int threads;
    long estimate;
    long data;
    long network;
    Instant windowStart;
    long windowData;
    long windowNetwork;
    long dataSpeed;
    long networkSpeed;
  }

  private CloneStatusBoard(Path cloneDir, InstantSource clock) {
    this.cloneDir = cloneDir;
    this.clock = clock;
  }

  /**
   * Loads the board persisted in {@code cloneDir} (a {@code #clone/} directory), or an empty board
   * when there is no file yet.
   */
  public static CloneStatusBoard load(Path cloneDir, InstantSource clock) throws IOException {
    return load(cloneDir, clock, false);
  }

  /**
   * Loads the board of an in-place clone that continues across this restart (its swap journal says
   * so): a clone In Progress stays In Progress, for the restart to finish or fail it. Its PID reads
   * 0 from now on, as MySQL's does: the session that cloned ended with the restart.
   */
  public static CloneStatusBoard loadContinuing(Path cloneDir, InstantSource clock)
      throws IOException {
    return load(cloneDir, clock, true);
  }

  private static CloneStatusBoard load(Path cloneDir, InstantSource clock, boolean continuing)
      throws IOException {
    CloneStatusBoard board = new CloneStatusBoard(cloneDir, clock);
    StatusFile.Contents c = StatusFile.read(cloneDir);
    if (c == null) {
      return board;
    }
    board.history.addAll(c.history());
    for (CloneStatusRow h : c.history()) {
      board.lastId = Math.max(board.lastId, h.id());
    }
    if (c.status() != null) {
      board.current = restore(c.status(), c.stages());
      board.lastId = Math.max(board.lastId, board.current.id);
      if (board.current.state == CloneState.IN_PROGRESS) {
        if (continuing) {
          board.current.pid = 0;
        } else {
          board.interruptedByCrash();
        }
      }
    }
    return board;
  }

  private static Current restore(CloneStatusRow s, List<CloneProgressRow> stages) {
    Current c = new Current();
    c.id = s.id();
    c.pid = s.pid();
    c.state = s.state();
    c.begin = s.beginTime();
    c.end = s.endTime();
    c.source = s.source();
    c.destination = s.destination();
    c.errorNo = s.errorNo();
    c.errorMessage = s.errorMessage();
    c.binlogFile = s.binlogFile();
    c.binlogPosition = s.binlogPosition();
    c.gtidExecuted = s.gtidExecuted();
    for (CloneProgressRow p : stages) {
      Stage st = new Stage();
      st.state = p.state();
      st.begin = p.beginTime();
      st.end = p.endTime();
      st.threads = p.threads();
      st.estimate = p.estimate();
      st.data = p.data();
      st.network = p.network();
      // A stage still running after a restart (an in-place clone continuing) measures its speed
      // from what it had done when the file was written.
      st.windowStart = p.beginTime();
      st.windowData = p.data();
      st.windowNetwork = p.network();
      c.stages[p.stage().ordinal()] = st;
    }
    return c;
  }

  /** The process died during the clone: it reads Failed with 1317 from now on. */
  private void interruptedByCrash() throws IOException {
    markFailed(ErrorCode.ER_QUERY_INTERRUPTED.number(), ErrorCode.ER_QUERY_INTERRUPTED.message());
    persist();
  }

  /**
   * Starts a new clone: the previous one moves to the history, the new one gets the next ID, state
   * In Progress and all seven stages Not Started.
   *
   * @return the new clone's ID
   */
  public synchronized long begin(long pid, String source, String destination) {
    if (current != null) {
      history.add(statusRow(current));
      if (history.size() > MAX_HISTORY) {
        history.removeFirst();
      }
    }
    Current c = new Current();
    c.id = ++lastId;
    c.pid = pid;
    c.state = CloneState.IN_PROGRESS;
    c.begin = clock.instant();
    c.source = source;
    c.destination = destination;
    for (int i = 0; i < STAGES; i++) {
      c.stages[i] = new Stage();
    }
    current = c;
    persistNow();
    return c.id;
  }

  /** A stage starts with the donor's estimate of its bytes and the threads working on it. */
  public synchronized void beginStage(CloneStage stage, long estimateBytes, int threads) {
    Stage s = running(stage);
    if (s.state != CloneState.NOT_STARTED) {
      throw new IllegalStateException(stage.label() + " already " + s.state.label());
    }
    Instant now = clock.instant();
    s.state = CloneState.IN_PROGRESS;
    s.begin = now;
    s.estimate = estimateBytes;
    s.threads = threads;
    s.windowStart = now;
    persistNow();
  }

  /** The running stage finished. */
  public synchronized void endStage(CloneStage stage) {
    Stage s = running(stage);
    if (s.state != CloneState.IN_PROGRESS) {
      throw new IllegalStateException(stage.label() + " is " + s.state.label());
    }
    s.state = CloneState.COMPLETED;
    s.end = clock.instant();
    s.dataSpeed = 0;
    s.networkSpeed = 0;
    persistNow();
  }

  /** Data bytes applied and network bytes received for a running stage. */
  public synchronized void addBytes(CloneStage stage, long dataBytes, long networkBytes) {
    Stage s = running(stage);
    if (s.state != CloneState.IN_PROGRESS) {
      return; // a late report after the stage ended or failed changes nothing
    }
    s.data += dataBytes;
    s.network += networkBytes;
    Instant now = clock.instant();
    rollWindow(s, now);
    if (Duration.between(lastPersist, now).compareTo(PERSIST_INTERVAL) >= 0) {
      try {
        persist();
      } catch (IOException e) {
        // Progress counters are advisory: a full disk must not fail the clone here; the next
        // state change persists again and reports a failure then.
        LOG.warn("cannot persist clone progress in {}: {}", cloneDir, e.toString());
      }
    }
  }

  /** The number of threads now working on a running stage (autotune grows it). */
  public synchronized void setThreads(CloneStage stage, int threads) {
    running(stage).threads = threads;
  }

  /** The donor's binary log position and GTID set at the clone's consistency point. */
  public synchronized void setBinlog(String file, long position, String gtidExecuted) {
    requireRunning();
    current.binlogFile = file;
    current.binlogPosition = position;
    current.gtidExecuted = gtidExecuted;
  }

  /** The clone succeeded; a stage still running is completed with it. */
  public synchronized void complete() {
    requireRunning();
    Instant now = clock.instant();
    for (Stage s : current.stages) {
      if (s.state == CloneState.IN_PROGRESS) {
        s.state = CloneState.COMPLETED;
        s.end = now;
      }
      s.dataSpeed = 0;
      s.networkSpeed = 0;
    }
    current.state = CloneState.COMPLETED;
    current.end = now;
    persistNow();
  }

  /**
   * The clone failed with what the client saw. The running stage reads Failed; earlier stages stay
   * Completed and later ones Not Started.
   */
  public synchronized void fail(int errorNo, String errorMessage) {
    requireRunning();
    markFailed(errorNo, errorMessage);
    persistNow();
  }

  private void markFailed(int errorNo, String errorMessage) {
    Instant now = clock.instant();
    for (Stage s : current.stages) {
      if (s.state == CloneState.IN_PROGRESS) {
        s.state = CloneState.FAILED;
        s.end = now;
      }
      s.dataSpeed = 0;
      s.networkSpeed = 0;
    }
    current.state = CloneState.FAILED;
    current.end = current.end == null ? now : current.end;
    current.errorNo = errorNo;
    current.errorMessage = errorMessage;
  }

  /** clone_status: the latest clone, or empty before the first. */
  public synchronized Optional<CloneStatusRow> status() {
    if (current != null) {
      refreshSpeeds();
    }
    return current == null ? Optional.empty() : Optional.of(statusRow(current));
  }

  /** clone_progress: seven rows in stage order, or none before the first clone. */
  public synchronized List<CloneProgressRow> progress() {
    if (current == null) {
      return List.of();
    }
    refreshSpeeds();
    return progressRows(current);
  }

  /** Both tables read at one instant, so their numbers agree with each other. */
  public record Snapshot(Optional<CloneStatusRow> status, List<CloneProgressRow> progress) {}

  public synchronized Snapshot snapshot() {
    return new Snapshot(status(), progress());
  }

  /** clone_history: every past clone (not the latest), oldest first. */
  public synchronized List<CloneStatusRow> history() {
    return List.copyOf(history);
  }

  /** True while a clone is In Progress. */
  public synchronized boolean running() {
    return current != null && current.state == CloneState.IN_PROGRESS;
  }

  private void requireRunning() {
    if (!running()) {
      throw new IllegalStateException("no clone in progress");
    }
  }

  private Stage running(CloneStage stage) {
    requireRunning();
    return current.stages[stage.ordinal()];
  }

  private void refreshSpeeds() {
    Instant now = clock.instant();
    for (Stage s : current.stages) {
      if (s.state == CloneState.IN_PROGRESS) {
        rollWindow(s, now);
      }
    }
  }

  /** Closes the speed window when a second has passed, and zeroes speeds after a stall. */
  private static void rollWindow(Stage s, Instant now) {
    Duration elapsed = Duration.between(s.windowStart, now);
    if (elapsed.compareTo(SPEED_WINDOW) < 0) {
      return;
    }
    long nanos = Math.max(1, elapsed.toNanos());
    s.dataSpeed = (long) ((s.data - s.windowData) * 1e9 / nanos);
    s.networkSpeed = (long) ((s.network - s.windowNetwork) * 1e9 / nanos);
    s.windowStart = now;
    s.windowData = s.data;
    s.windowNetwork = s.network;
  }

  private CloneStatusRow statusRow(Current c) {
    String task = null;
    long downloaded = 0;
    long localized = 0;
    long bandwidth = 0;
    for (CloneStage stage : CloneStage.values()) {
      Stage s = c.stages[stage.ordinal()];
      downloaded += s.data;
      localized += s.estimate;
      if (s.state == CloneState.IN_PROGRESS) {
        task = stage.label();
        bandwidth = s.networkSpeed;
      }
    }
    Instant until = c.end != null ? c.end : clock.instant();
    long duration = c.begin == null ? 0 : Math.max(0, Duration.between(c.begin, until).toSeconds());
    return new CloneStatusRow(
        c.id,
        c.pid,
        c.state,
        c.begin,
        c.end,
        c.source,
        c.destination,
        c.errorNo,
        c.errorMessage,
        c.binlogFile,
        c.binlogPosition,
        c.gtidExecuted,
        task,
        downloaded,
        localized,
        bandwidth,
        duration);
  }

  private static List<CloneProgressRow> progressRows(Current c) {
    List<CloneProgressRow> rows = new ArrayList<>(STAGES);
    for (CloneStage stage : CloneStage.values()) {
      Stage s = c.stages[stage.ordinal()];
      boolean live = s.state == CloneState.IN_PROGRESS;
      rows.add(
          new CloneProgressRow(
              c.id,
              stage,
              s.state,
              s.begin,
              s.end,
              s.threads,
              s.estimate,
              s.data,
              s.network,
              live ? s.dataSpeed : 0,
              live ? s.networkSpeed : 0));
    }
    return rows;
  }

  /**
   * Writes the tables as they are now into another {@code #clone/} directory — the destination of a
   * directory clone, so that a server started there shows the clone that made it.
   */
  public synchronized void writeTo(Path otherCloneDir) throws IOException {
    StatusFile.write(
        otherCloneDir,
        new StatusFile.Contents(
            current == null ? null : statusRow(current),
            current == null ? List.of() : progressRows(current),
            history));
  }

  private void persistNow() {
    try {
      persist();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist clone status in " + cloneDir, e);
    }
  }

  private void persist() throws IOException {
    lastPersist = clock.instant();
    writeTo(cloneDir);
  }
}
