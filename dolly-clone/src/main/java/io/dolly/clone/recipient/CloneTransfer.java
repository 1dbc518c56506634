package io.dolly.clone.recipient;

import io.dolly.clone.CloneStage;
import io.dolly.clone.autotune.ConcurrencyTuner;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.transfer.ChunkDecoder;
import io.dolly.clone.wire.AckRequest;
import io.dolly.clone.wire.AttachRequest;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.CloneResponse;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.ExecuteRequest;
import io.dolly.clone.wire.ExitRequest;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the threads of one remote clone share: the target, the throttles and counters, the worker
 * connections, and the first failure. Any thread's failure (or a KILL) closes every connection to
 * the donor, so that all threads stop at once and the donor's sessions end with them.
 *
 * <p>Workers join FILE COPY only, and only once the master has created every file the donor
 * announced, so a worker's chunk never names a file the target does not know yet.
 */
final class CloneTransfer {
  private static final Logger LOG = LoggerFactory.getLogger(CloneTransfer.class);

  /** Bytes a network error maps to: the donor went away mid-clone. */
  static final String LOST_CONNECTION = "2013 : Lost connection to MySQL server during query";

  private final DonorConnector connector;
  private final SnapshotLocator locator;
  private final RemoteCloneSettings settings;
  private final CloneStatusBoard board;
  final TargetDirectory target;
  private final List<DonorLink> links = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong dataBytes = new AtomicLong();
  private final AtomicLong networkBytes = new AtomicLong();
  private volatile RedoTarget redo;
  private MysqlException failure;
  private boolean fileCopyOver;
  private boolean closed;

  CloneTransfer(
      DonorConnector connector,
      SnapshotLocator locator,
      RemoteCloneSettings settings,
      CloneStatusBoard board,
      TargetDirectory target,
      DonorLink master) {
    this.connector = connector;
    this.locator = locator;
    this.settings = settings;
    this.board = board;
    this.target = target;
    links.add(master);
  }

  void startRedo(RedoTarget r) {
    redo = r;
  }

  RedoTarget redo() {
    return redo;
  }

  /** Verifies a chunk (length, codec, CRC32C) and writes it where it belongs, within the limits. */
  void apply(ChunkDescriptor c, byte[] wire) throws InterruptedException {
    if (wire.length != c.length()) {
      throw CloneProtocol.malformed(
          "DATA of " + wire.length + " bytes for a chunk of " + c.length());
    }
    settings.networkThrottle().acquire(wire.length);
    settings.dataThrottle().acquire(c.rawLength());
    byte[] raw = ChunkDecoder.decode(c.codec(), wire, c.rawLength(), c.crc32c());
    if (c.stage() == CloneStage.REDO_COPY) {
      RedoTarget r = redo;
      if (r == null) {
        throw CloneProtocol.malformed("redo chunk before the redo range");
      }
      r.write(c.offset(), raw);
    } else {
      target.write(c.fileIndex(), c.offset(), raw, 0, raw.length);
    }
    dataBytes.addAndGet(raw.length);
    networkBytes.addAndGet(wire.length);
    board.addBytes(c.stage(), raw.length, wire.length);
  }

  /** Starts the FILE COPY workers: all at once, or one autotuner that adds them over time. */
  void startWorkers() {
    long dataLimit = settings.dataThrottle().bytesPerSecond();
    long networkLimit = settings.networkThrottle().bytesPerSecond();
    if (!settings.autotune()) {
      int threads =
          ConcurrencyTuner.threadsWithoutAutotune(
              settings.maxConcurrency(), dataLimit, networkLimit);
      for (int i = 1; i < threads; i++) {
        spawnWorker();
      }
      return;
    }
    if (settings.maxConcurrency() > 1) {
      ConcurrencyTuner tuner =
          new ConcurrencyTuner(settings.maxConcurrency(), dataLimit, networkLimit, 1);
      Thread.ofVirtual().name("dolly-clone-autotune").start(() -> autotune(tuner));
    }
  }

  /** Samples the speed every second and adds the workers the tuner asks for. */
  private void autotune(ConcurrencyTuner tuner) {
    long data = dataBytes.get();
    long network = networkBytes.get();
    while (!tuner.done()) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      long d = dataBytes.get();
      long n = networkBytes.get();
      int want = tuner.onSample(d - data, n - network);
      data = d;
      network = n;
      while (threads() < want) {
        if (!spawnWorker()) {
          return;
        }
      }
    }
  }

  private synchronized int threads() {
    return 1 + workers.size();
  }

  /** Starts one worker thread; false once FILE COPY is over or the clone failed. */
  private synchronized boolean spawnWorker() {
    if (fileCopyOver || closed) {
      return false;
    }
    Thread t =
        Thread.ofPlatform()
            .name("dolly-clone-worker-" + (workers.size() + 1))
            .daemon()
            .unstarted(this::work);
    workers.add(t);
    board.setThreads(CloneStage.FILE_COPY, 1 + workers.size());
    t.start();
    return true;
  }

  /** A worker: its own connection, ATTACH, EXECUTE, FILE COPY chunks until COMPLETE, EXIT. */
  private void work() {
    DonorLink link;
    try {
      link = connector.connect();
    } catch (MysqlException | IOException e) {
      // A worker that cannot connect (the donor restarting, a network outage) takes nothing
      // away: the master's connection decides whether the clone goes on, resuming within the
      // donor's window or failing, and its ranges go to the connections there are.
      LOG.info("clone worker could not connect: {}", e.toString());
      return;
    }
    try {
      if (!register(link)) {
        return;
      }
      link.exchange(new AttachRequest(locator));
      link.start(new ExecuteRequest());
      ChunkDescriptor pending = null;
      for (CloneResponse r = link.next(); !(r instanceof CompleteResponse); r = link.next()) {
        if (pending == null
            && r instanceof DataDescResponse(ChunkDescriptor c)
            && c.stage() == CloneStage.FILE_COPY) {
          pending = c;
        } else if (pending != null && r instanceof DataResponse(byte[] bytes)) {
          apply(pending, bytes);
          pending = null;
        } else {
          throw CloneProtocol.malformed("unexpected " + r + " on a FILE COPY worker");
        }
      }
      if (pending != null) {
        throw CloneProtocol.malformed("chunk descriptor without DATA");
      }
      link.exchange(new ExitRequest());
    } catch (IOException e) {
      // A lost worker connection is not fatal: the donor gives its unsent range to another
      // connection, and a lost master resumes the clone (see RemoteClone).
      LOG.info("clone worker lost its connection: {}", e.toString());
    } catch (RuntimeException | InterruptedException e) {
      fail(asError(e));
    } finally {
      link.close();
    }
  }

  private synchronized boolean register(DonorLink link) {
    if (closed) {
      return false;
    }
    links.add(link);
    return true;
  }

  /**
   * FILE COPY ended on the master's stream: no more workers start, and the master waits for those
   * running to apply their last chunk (PAGE COPY must overwrite what FILE COPY wrote, never the
   * other way round).
   */
  void endFileCopy() throws InterruptedException {
    List<Thread> running;
    synchronized (this) {
      fileCopyOver = true;
      running = List.copyOf(workers);
    }
    for (Thread t : running) {
      t.join();
    }
    throwIfFailed();
  }

  /**
   * After a network failure: waits for the workers (their connections are gone too) so that the
   * resumed FILE COPY starts a new set, and registers the new master connection.
   */
  void resume(DonorLink master) throws InterruptedException {
    List<Thread> old;
    synchronized (this) {
      old = List.copyOf(workers);
    }
    for (Thread t : old) {
      t.join();
    }
    synchronized (this) {
      workers.clear();
      if (!register(master)) {
        master.close();
        throwIfFailed();
        throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
      }
    }
  }

  /**
   * Tells the donor this clone is over for good (a failure that is not a lost connection), on a
   * connection of its own since the master's may be mid-answer: ATTACH, then ACK with the error, so
   * that the donor ends its snapshot now instead of waiting for a resume. Best effort.
   */
  void abandonOnDonor(int errorNumber, CloneStage stage) {
    try (DonorLink link = connector.connect()) {
      link.setReadTimeoutMillis(5000);
      link.exchange(new AttachRequest(locator));
      link.exchange(new AckRequest(errorNumber, stage, null));
    } catch (IOException | RuntimeException e) {
      LOG.info("could not tell the donor the clone is abandoned: {}", e.toString());
    }
  }

  /** Records the first failure and closes every connection so that every thread stops. */
  void fail(MysqlException e) {
    List<DonorLink> open;
    synchronized (this) {
      if (failure == null) {
        failure = e;
        LOG.info("remote clone fails: {} {}", e.errorNumber(), e.getMessage());
      }
      closed = true;
      open = List.copyOf(links);
    }
    open.forEach(DonorLink::close);
  }

  synchronized void throwIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  synchronized MysqlException failure() {
    return failure;
  }

  /** Closes every connection and waits for the workers. */
  void shutdown() {
    List<Thread> running;
    List<DonorLink> open;
    synchronized (this) {
      closed = true;
      running = List.copyOf(workers);
      open = List.copyOf(links);
    }
    open.forEach(DonorLink::close);
    for (Thread t : running) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The client's error for whatever stopped a thread. */
  MysqlException asError(Exception e) {
    MysqlException first = failure();
    if (first != null) {
      return first;
    }
    return switch (e) {
      case MysqlException m -> m;
      case InterruptedException i -> new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
      case IOException io -> new MysqlException(io, ErrorCode.ER_CLONE_DONOR, LOST_CONNECTION);
      default -> {
        LOG.error("remote clone failed", e);
        yield new MysqlException(e, ErrorCode.ER_INTERNAL_ERROR, String.valueOf(e.getMessage()));
      }
    };
  }
}
