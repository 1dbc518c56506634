package io.dolly.clone.recipient;

import io.dolly.clone.CloneStage;
import io.dolly.clone.local.Cancellation;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.IncompleteCloneMarker;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.clone.wire.AckRequest;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.ChunkPosition;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.CloneResponse;
import io.dolly.clone.wire.CollationResponse;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.ConfigResponse;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.ExecuteRequest;
import io.dolly.clone.wire.ExitRequest;
import io.dolly.clone.wire.FileDescriptor;
import io.dolly.clone.wire.InitRequest;
import io.dolly.clone.wire.LocsResponse;
import io.dolly.clone.wire.PluginResponse;
import io.dolly.clone.wire.RedoRangeDescriptor;
import io.dolly.clone.wire.ReinitRequest;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.clone.wire.StageChange;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.storage.InstanceId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLONE INSTANCE FROM ... DATA DIRECTORY on the recipient, in two steps so that the caller can
 * begin the clone on the status board only once nothing can fail as a mere pre-check:
 *
 * <ol>
 *   <li>{@link #prepare}: connects (TLS as asked), COM_CLONE, INIT, and checks the donor's answer
 *       ({@link DonorChecks}). Nothing is written.
 *   <li>{@link #run}: creates the directory (with {@code #clone/in_progress} until the end), runs
 *       EXECUTE on the master connection — FILE COPY with workers on their own connections, then
 *       PAGE COPY and REDO COPY — then FILE SYNC, and writes the status tables into the copy's
 *       {@code #clone/}. Any failure or KILL closes every connection to the donor (so its sessions
 *       end too), removes the directory and fails the clone on the board.
 * </ol>
 *
 * The result starts as a local clone's does: recovery from the checkpoint at the page-copy LSN with
 * the copied redo brings it to the donor's state at the snapshot's end LSN.
 *
 * <p>For an in-place clone ({@link Destination#STAGING}) the directory is the recipient's staging
 * directory and the clone is not over when the copy is synced: DROP DATA is left for after the
 * swap, the board stays running and no status is written into the copy; the caller then swaps the
 * copy in.
 */
public final class RemoteClone {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteClone.class);

  /** How often a running clone looks for KILL while its threads may be blocked on the network. */
  private static final long KILL_POLL_MILLIS = 50;

  /** Read timeout once data flows: the donor never pauses this long between packets. */
  private static final int STREAM_READ_TIMEOUT_MILLIS = 300_000;

  /** MySQL's pause between reconnect attempts after a network failure. */
  static final long RECONNECT_INTERVAL_MILLIS = 5000;

  /** MySQL's limit on resumes of one clone. */
  static final int MAX_RESTARTS = 100;

  /** What the copy becomes once synced. */
  public enum Destination {
    /** A new DATA DIRECTORY: the clone is Completed once the copy is synced. */
    DATA_DIRECTORY,
    /** The staging directory of an in-place clone, which is swapped in after the copy. */
    STAGING
  }

  private final DonorConnector connector;
  private final String source;
  private final Path directory;
  private final RemoteCloneSettings settings;
  private final RecipientConfig local;
  private final Destination destination;
  private DonorLink master;
  private ConfigResponse config;
  private SnapshotLocator locator;
  private MasterStream stage;

  /**
   * @param source {@code host:port}, the SOURCE of clone_status
   * @param directory the DATA DIRECTORY, validated by {@link DataDirectoryCheck}
   */
  public RemoteClone(
      DonorConnector connector,
      String source,
      Path directory,
      RemoteCloneSettings settings,
      RecipientConfig local) {
    this(connector, source, directory, settings, local, Destination.DATA_DIRECTORY);
  }

  /**
   * @param directory the DATA DIRECTORY, validated by {@link DataDirectoryCheck}, or the staging
   *     directory of an in-place clone
   */
  public RemoteClone(
      DonorConnector connector,
      String source,
      Path directory,
      RemoteCloneSettings settings,
      RecipientConfig local,
      Destination destination) {
    this.connector = connector;
    this.source = source;
    this.directory = directory;
    this.settings = settings;
    this.local = local;
    this.destination = destination;
  }

  public String source() {
    return source;
  }

  /** The master connection's TLS cipher suite, or null on plain TCP (after {@link #prepare}). */
  public String tlsCipher() {
    return master == null ? null : master.tlsCipher();
  }

  /** Connects, sends INIT and checks the donor's configuration; on failure nothing is left open. */
  public void prepare() {
    try {
      master = connector.connect();
      LOG.info(
          "clone from {}: connected, TLS {}",
          source,
          master.tlsCipher() == null ? "off" : master.tlsCipher());
      // INIT may wait for the donor's running DDL up to clone_ddl_timeout.
      master.setReadTimeoutMillis(
          (int) Math.min(Integer.MAX_VALUE, (settings.ddlTimeoutSeconds() + 300L) * 1000));
      List<CloneResponse> answer =
          master.exchange(
              new InitRequest(
                  CloneProtocol.VERSION,
                  local.version(),
                  local.os(),
                  local.machine(),
                  settings.codec() != ChunkCodec.NONE,
                  settings.codec(),
                  Math.min(settings.maxConcurrency(), InitRequest.MAX_CONCURRENCY),
                  settings.ddlTimeoutSeconds(),
                  settings.blockDdl()));
      List<String> collations = new ArrayList<>();
      for (CloneResponse r : answer) {
        switch (r) {
          case ConfigResponse c when config == null -> config = c;
          case PluginResponse p -> {}
          case CollationResponse c -> collations.add(c.name());
          case LocsResponse l when locator == null -> locator = l.locator();
          default -> throw CloneProtocol.malformed("unexpected " + r + " in the answer to INIT");
        }
      }
      if (config == null || locator == null) {
        throw CloneProtocol.malformed("INIT answered without CONFIG or LOCS");
      }
      DonorChecks.validate(config, collations, local, directory);
      master.setReadTimeoutMillis(STREAM_READ_TIMEOUT_MILLIS);
    } catch (IOException | RuntimeException e) {
      if (master != null) {
        master.close();
      }
      throw e instanceof MysqlException m
          ? m
          : new MysqlException(e, ErrorCode.ER_CLONE_DONOR, CloneTransfer.LOST_CONNECTION);
    }
  }

  /**
   * Runs the clone the board already began; on failure the board shows it Failed with the error
   * thrown, and the directory is gone.
   */
  public void run(CloneStatusBoard board, Cancellation cancellation) {
    TargetDirectory target;
    try {
      target = TargetDirectory.create(directory);
    } catch (MysqlException e) {
      master.close();
      board.fail(e.errorNumber(), e.getMessage());
      throw e;
    }
    CloneTransfer transfer = new CloneTransfer(connector, locator, settings, board, target, master);
    Thread watcher =
        Thread.ofVirtual()
            .name("dolly-clone-kill-watch")
            .start(() -> watchForKill(transfer, cancellation));
    try {
      IncompleteCloneMarker.mark(target.root(), source);
      if (destination == Destination.DATA_DIRECTORY) {
        board.beginStage(CloneStage.DROP_DATA, 0, 1);
        board.endStage(CloneStage.DROP_DATA);
      }
      MasterStream stream = new MasterStream(transfer, board, config);
      stage = stream;
      long resumeMinutes =
          config.value(ConfigResponse.DONOR_TIMEOUT_AFTER_NETWORK_FAILURE).isPresent()
              ? DonorChecks.number(config, ConfigResponse.DONOR_TIMEOUT_AFTER_NETWORK_FAILURE)
              : 0;
      int restarts = 0;
      CloneStage unacknowledged = null;
      while (!stream.done() || unacknowledged != null) {
        try {
          if (unacknowledged == null) {
            master.start(new ExecuteRequest());
            unacknowledged = stream.apply(master);
          }
          master.exchange(new AckRequest(0, unacknowledged, stream.last()));
          unacknowledged = null;
        } catch (IOException lost) {
          if (cancellation.requested()
              || transfer.failure() != null
              || resumeMinutes == 0
              || ++restarts > MAX_RESTARTS) {
            throw lost;
          }
          master.close();
          master = reconnect(stream.last(), resumeMinutes, cancellation);
          transfer.resume(master);
          stream.resume();
        }
      }
      master.exchange(new ExitRequest());
      master.close();
      board.beginStage(CloneStage.FILE_SYNC, 0, 1);
      target.syncAll();
      board.endStage(CloneStage.FILE_SYNC);
      cancellation.check();
      if (destination == Destination.STAGING) {
        IncompleteCloneMarker.clear(target.root());
        LOG.info("cloned {} into the staging directory {}", source, directory);
        return;
      }
      board.complete();
      Path status = target.root().resolve(IncompleteCloneMarker.CLONE_DIRECTORY);
      board.writeTo(status);
      syncDirectory(status);
      IncompleteCloneMarker.clear(target.root());
      LOG.info("cloned {} into {}", source, directory);
    } catch (IOException | RuntimeException | InterruptedException e) {
      MysqlException error =
          cancellation.requested() ? killError(cancellation) : transfer.asError(e);
      transfer.fail(error);
      transfer.shutdown();
      if (!error.is(ErrorCode.ER_CLONE_DONOR)) {
        transfer.abandonOnDonor(
            error.errorNumber(), stage == null ? CloneStage.FILE_COPY : stage.current());
      }
      if (board.running()) {
        board.fail(error.errorNumber(), error.getMessage());
      }
      RedoTarget redo = transfer.redo();
      if (redo != null) {
        redo.closeQuietly();
      }
      try {
        target.removePartial();
      } catch (IOException removal) {
        LOG.error("cannot remove the partial clone {}: {}", directory, removal.toString());
      }
      throw error;
    } finally {
      watcher.interrupt();
      transfer.shutdown();
      try {
        target.close();
      } catch (IOException ignored) {
        // Removed or synced already.
      }
    }
  }

  /**
   * Reconnects every {@link #RECONNECT_INTERVAL_MILLIS} until the donor's resume window closes, and
   * resumes the snapshot with REINIT from the last applied chunk. A donor that answers REINIT with
   * an error (the snapshot is gone) ends the clone at once.
   */
  private DonorLink reconnect(ChunkPosition last, long minutes, Cancellation cancellation)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    LOG.info("clone from {}: connection lost; resuming for up to {} min", source, minutes);
    while (true) {
      long wake = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECONNECT_INTERVAL_MILLIS);
      while (System.nanoTime() < wake) {
        cancellation.check();
        Thread.sleep(KILL_POLL_MILLIS);
      }
      DonorLink link;
      try {
        link = connector.connect();
      } catch (IOException | MysqlException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LOG.info("clone from {}: reconnect failed: {}", source, e.getMessage());
        continue;
      }
      try {
        link.setReadTimeoutMillis(STREAM_READ_TIMEOUT_MILLIS);
        link.exchange(new ReinitRequest(locator, last));
      } catch (IOException | RuntimeException e) {
        link.close();
        throw e;
      }
      LOG.info("clone from {}: resumed", source);
      return link;
    }
  }

  private static MysqlException killError(Cancellation cancellation) {
    try {
      cancellation.check();
    } catch (MysqlException m) {
      return m;
    }
    return new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
  }

  /** A KILL closes every connection at once: threads blocked on the network then stop too. */
  private static void watchForKill(CloneTransfer transfer, Cancellation cancellation) {
    try {
      while (!cancellation.requested()) {
        Thread.sleep(KILL_POLL_MILLIS);
      }
      transfer.fail(killError(cancellation));
    } catch (InterruptedException done) {
      // The clone ended.
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * The master's EXECUTE answers: one stage each, in order (FILE COPY, PAGE COPY, REDO COPY), files
   * only where a stage may announce them, every chunk followed by its DATA, the redo range once.
   */
  private static final class MasterStream {
    private final CloneTransfer transfer;
    private final CloneStatusBoard board;
    private final ConfigResponse config;
    private CloneStage stage;
    private CloneStage expected = CloneStage.FILE_COPY;
    private CloneStage ended;
    private boolean resuming;
    private int filesExpected;
    private int filesAnnounced;
    private ChunkDescriptor pending;
    private ChunkPosition last;

    MasterStream(CloneTransfer transfer, CloneStatusBoard board, ConfigResponse config) {
      this.transfer = transfer;
      this.board = board;
      this.config = config;
    }

    /** The stage running or next to run, for an ACK that abandons the clone. */
    CloneStage current() {
      return stage != null ? stage : expected;
    }

    /**
     * The master connection was replaced after a network failure: the donor streams the stage it
     * had not been acknowledged again, from its BEGIN (REDO COPY after the last applied chunk).
     */
    void resume() {
      pending = null;
      resuming = true;
    }

    /** True once REDO COPY was applied: every data stage is in. */
    boolean done() {
      return expected == CloneStage.FILE_SYNC;
    }

    /** The last chunk the master applied, or null. */
    ChunkPosition last() {
      return last;
    }

    /** Applies one EXECUTE's answer: one whole stage. Returns that stage. */
    CloneStage apply(DonorLink link) throws IOException, InterruptedException {
      ended = null;
      for (CloneResponse r = link.next(); !(r instanceof CompleteResponse); r = link.next()) {
        transfer.throwIfFailed();
        if (pending != null) {
          if (!(r instanceof DataResponse(byte[] bytes))) {
            throw CloneProtocol.malformed("chunk descriptor without DATA");
          }
          transfer.apply(pending, bytes);
          last = pending.position();
          pending = null;
          continue;
        }
        switch (r) {
          case DataDescResponse(StageChange sc) -> stageChange(sc);
          case DataDescResponse(FileDescriptor f) -> file(f);
          case DataDescResponse(ChunkDescriptor c) when c.stage() == stage -> pending = c;
          case DataDescResponse(RedoRangeDescriptor rr)
              when stage == CloneStage.REDO_COPY && transfer.redo() != null ->
              transfer.redo().requireRange(rr.startLsn(), rr.endLsn());
          case DataDescResponse(RedoRangeDescriptor rr) when stage == CloneStage.REDO_COPY ->
              transfer.startRedo(
                  new RedoTarget(
                      transfer.target.root(),
                      instanceId(),
                      DonorChecks.number(config, ConfigResponse.REDO_FILE_CAPACITY),
                      (int) DonorChecks.number(config, ConfigResponse.INNODB_PAGE_SIZE),
                      rr.startLsn(),
                      rr.endLsn()));
          default ->
              throw CloneProtocol.malformed(
                  "unexpected " + r + " in " + (stage == null ? "no stage" : stage.label()));
        }
      }
      if (pending != null || stage != null || ended == null) {
        throw CloneProtocol.malformed("EXECUTE answered without one whole stage");
      }
      return ended;
    }

    private void stageChange(StageChange sc) throws InterruptedException {
      if (sc.event() == StageChange.Event.BEGIN) {
        if (resuming && stage != null && sc.stage() == stage) {
          // The same stage again after a resume: files are announced again, workers restart.
          resuming = false;
          if (stage == CloneStage.FILE_COPY) {
            filesAnnounced = 0;
            if (filesExpected == 0) {
              transfer.startWorkers();
            }
          }
          return;
        }
        resuming = false;
        if (stage != null || ended != null || sc.stage() != expected) {
          throw CloneProtocol.malformed(sc.stage().label() + " begins out of order");
        }
        stage = sc.stage();
        board.beginStage(stage, sc.estimateBytes(), 1);
        if (stage == CloneStage.FILE_COPY) {
          filesExpected = sc.fileCount();
          if (filesExpected == 0) {
            transfer.startWorkers();
          }
        } else if (stage == CloneStage.PAGE_COPY) {
          transfer.target.allowGrowth();
        }
        return;
      }
      if (stage == null || sc.stage() != stage) {
        throw CloneProtocol.malformed(sc.stage().label() + " ends without having begun");
      }
      switch (stage) {
        case FILE_COPY -> {
          if (filesAnnounced != filesExpected) {
            throw CloneProtocol.malformed(
                "FILE COPY announced " + filesAnnounced + " of " + filesExpected + " files");
          }
          transfer.endFileCopy();
          expected = CloneStage.PAGE_COPY;
        }
        case PAGE_COPY -> expected = CloneStage.REDO_COPY;
        case REDO_COPY -> {
          RedoTarget redo = transfer.redo();
          if (redo == null) {
            throw CloneProtocol.malformed("REDO COPY without a redo range");
          }
          redo.finish();
          expected = CloneStage.FILE_SYNC;
        }
        default -> throw CloneProtocol.malformed("stage " + stage.label() + " carries no data");
      }
      board.endStage(stage);
      ended = stage;
      stage = null;
    }

    private void file(FileDescriptor f) {
      if (stage == CloneStage.FILE_COPY && filesAnnounced < filesExpected) {
        transfer.target.announce(f.fileIndex(), f.path(), f.size());
        if (++filesAnnounced == filesExpected) {
          transfer.startWorkers();
        }
      } else if (stage == CloneStage.PAGE_COPY
          && transfer.target.announcedSize(f.fileIndex()) >= 0) {
        transfer.target.announce(f.fileIndex(), f.path(), f.size());
      } else {
        throw CloneProtocol.malformed("file '" + f.path() + "' announced outside FILE COPY");
      }
    }

    private InstanceId instanceId() {
      String hex = DonorChecks.require(config, ConfigResponse.INSTANCE_ID);
      if (!hex.matches("[0-9a-f]{32}")) {
        throw CloneProtocol.malformed("CONFIG instance_id '" + hex + "' is not 32 hex digits");
      }
      return new InstanceId(
          Long.parseUnsignedLong(hex.substring(0, 16), 16),
          Long.parseUnsignedLong(hex.substring(16), 16));
    }
  }
}
