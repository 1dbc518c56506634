package io.dolly.storage;

import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.buffer.Doublewrite;
import io.dolly.storage.buffer.PageCleaner;
import io.dolly.storage.io.Halt;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.mtr.LoggedMiniTransaction;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.recovery.Recovery;
import io.dolly.storage.redo.Checkpoint;
import io.dolly.storage.redo.CheckpointFile;
import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine of one data directory. {@link #open} initializes an empty directory (system
 * and undo tablespaces, redo log, checkpoint, doublewrite file) or recovers an existing one, and
 * ends recovery with a checkpoint so that redo of dropped tablespaces is never replayed twice.
 *
 * <p>Files it owns: {@code mysql.ibd}, {@code undo_001}, {@code undo_002}, {@code
 * <schema>/<table>.ibd} ({@link io.dolly.storage.space.SpaceHeader}), {@code #innodb_redo/} ({@link
 * RedoFileSet}, {@link CheckpointFile}) and {@code #ib_doublewrite} ({@link Doublewrite}).
 */
public final class StorageEngine implements AutoCloseable {
  public static final String REDO_DIR = "#innodb_redo";

  private static final Logger LOG = LoggerFactory.getLogger(StorageEngine.class);

  private final Path datadir;
  private final StorageConfig config;
  private final Halt halt;
  private final TablespaceRegistry spaces;
  private final Doublewrite doublewrite;
  private final BufferPool pool;
  private final RedoLog redo;
  private final PageCleaner cleaner;
  private final Recovery.Result recovery;
  private final InstanceId instanceId;
  private final BackupLock backupLock = new BackupLock();
  private boolean closed;

  private StorageEngine(
      Path datadir,
      StorageConfig config,
      Halt halt,
      TablespaceRegistry spaces,
      Doublewrite doublewrite,
      BufferPool pool,
      RedoLog redo,
      Recovery.Result recovery,
      InstanceId instanceId) {
    this.instanceId = instanceId;
    this.datadir = datadir;
    this.config = config;
    this.halt = halt;
    this.spaces = spaces;
    this.doublewrite = doublewrite;
    this.pool = pool;
    this.redo = redo;
    this.recovery = recovery;
    pool.connectRedo(redo::flushDurable, redo::currentLsn);
    this.cleaner = new PageCleaner(pool, redo, halt);
  }

  /** Opens {@code datadir}: creates a new instance when it has no redo log, else recovers. */
  public static StorageEngine open(Path datadir, StorageConfig config) {
    StorageFileSystem fs = config.fileSystem();
    Path redoDir = datadir.resolve(REDO_DIR);
    Halt halt = new Halt();
    try {
      fs.createDirectories(datadir);
    } catch (IOException e) {
      throw new StorageException("cannot create data directory " + datadir, e);
    }
    if (!fs.exists(redoDir.resolve(CheckpointFile.NAME))) {
      return initialize(datadir, config, redoDir, halt);
    }
    CheckpointFile checkpoints = CheckpointFile.open(fs, redoDir);
    Checkpoint cp = checkpoints.last();
    int pageSize = cp.pageSize();
    TablespaceRegistry spaces = new TablespaceRegistry(fs, datadir, pageSize, cp.instance());
    spaces.openAll();
    RedoFileSet files = RedoFileSet.open(fs, redoDir, cp.instance());
    Doublewrite dw = Doublewrite.openOrCreate(fs, datadir, pageSize);
    BufferPool pool = new BufferPool(config.frames(pageSize), pageSize, spaces, dw, halt);
    Recovery.Result result = Recovery.run(files, cp.lsn(), pool, spaces, dw, config.redoHandlers());
    try {
      files.truncateAt(result.endLsn());
    } catch (IOException e) {
      throw new StorageException("cannot cut the redo log at " + result.endLsn(), e);
    }
    RedoLog redo =
        new RedoLog(
            files,
            checkpoints,
            result.endLsn(),
            config.flushPolicy(),
            config.redoLogCapacity(),
            config.redoBufferSize(),
            halt);
    StorageEngine engine =
        new StorageEngine(datadir, config, halt, spaces, dw, pool, redo, result, cp.instance());
    engine.checkpoint();
    return engine;
  }

  private static StorageEngine initialize(
      Path datadir, StorageConfig config, Path redoDir, Halt halt) {
    StorageFileSystem fs = config.fileSystem();
    InstanceId instance = InstanceId.random();
    int pageSize = config.pageSize();
    LOG.info(
        "initializing data directory {} (page size {}, instance {})", datadir, pageSize, instance);
    TablespaceRegistry spaces = new TablespaceRegistry(fs, datadir, pageSize, instance);
    spaces.createSystemSpaces();
    Doublewrite dw = Doublewrite.openOrCreate(fs, datadir, pageSize);
    RedoFileSet files =
        RedoFileSet.create(fs, redoDir, instance, config.redoFileCapacity(), RedoLog.FIRST_LSN);
    try {
      fs.syncDirectory(datadir);
    } catch (IOException e) {
      throw new StorageException("cannot sync " + datadir, e);
    }
    // The checkpoint file is created last: its presence marks a completely initialized directory.
    CheckpointFile checkpoints =
        CheckpointFile.create(fs, redoDir, instance, pageSize, RedoLog.FIRST_LSN);
    BufferPool pool = new BufferPool(config.frames(pageSize), pageSize, spaces, dw, halt);
    RedoLog redo =
        new RedoLog(
            files,
            checkpoints,
            RedoLog.FIRST_LSN,
            config.flushPolicy(),
            config.redoLogCapacity(),
            config.redoBufferSize(),
            halt);
    return new StorageEngine(
        datadir,
        config,
        halt,
        spaces,
        dw,
        pool,
        redo,
        new Recovery.Result(RedoLog.FIRST_LSN, RedoLog.FIRST_LSN, 0, 0),
        instance);
  }

  /**
   * Starts a mini-transaction. Waits first (holding no latches) if the redo log is near capacity,
   * unless this thread already has one open.
   *
   * <p>Why skipping the wait for a nested one cannot wedge the log: the outer mini-transaction may
   * hold latches on dirty pages the page cleaner must copy to advance the checkpoint, so waiting
   * there could wait forever. Not waiting is safe because the capacity is soft: an append never
   * blocks on checkpoint age (only on log buffer space, which the log writer frees without any
   * latch), the redo files simply grow past the capacity. Nested mini-transactions are bounded work
   * (a B-tree's overflow chain of a few MiB in 16-page steps, the engine's own allocation and
   * free-list updates), and the next top-level one waits until the cleaner caught up.
   */
  public MiniTransaction beginMiniTransaction() {
    halt.check();
    if (!LoggedMiniTransaction.openInThisThread()) {
      redo.awaitSpace();
    }
    return new LoggedMiniTransaction(pool, spaces, redo);
  }

  /** Waits as innodb_flush_log_at_trx_commit requires for redo up to {@code lsn} (commit). */
  public void waitDurable(long lsn) {
    redo.waitDurable(lsn);
  }

  /** Creates {@code <datadir>/<schema>/<table>.ibd}; returns its space id. */
  public int createTablespace(String relativePath) {
    halt.check();
    return spaces.create(relativePath);
  }

  /** Discards the tablespace's pages and deletes its file. */
  public void dropTablespace(int spaceId) {
    halt.check();
    pool.discardSpace(spaceId);
    spaces.drop(spaceId);
  }

  /** Flushes every dirty page and writes a checkpoint at the current LSN. */
  public void checkpoint() {
    halt.check();
    cleaner.sharpCheckpoint();
  }

  public RedoLog redoLog() {
    return redo;
  }

  public BufferPool bufferPool() {
    return pool;
  }

  public TablespaceRegistry tablespaces() {
    return spaces;
  }

  public Path datadir() {
    return datadir;
  }

  public StorageConfig config() {
    return config;
  }

  public int pageSize() {
    return pool.pageSize();
  }

  /** What recovery did when this engine opened. */
  public Recovery.Result recovery() {
    return recovery;
  }

  /** The id written into every file of this data directory (a clone keeps its donor's). */
  /** DDL and backups (clone snapshots) exclude each other through this lock. */
  public BackupLock backupLock() {
    return backupLock;
  }

  public InstanceId instanceId() {
    return instanceId;
  }

  public boolean halted() {
    return halt.halted();
  }

  /**
   * Clean shutdown: flush everything, final checkpoint, close files. A halted engine only stops its
   * threads and closes files; the next open recovers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    if (!halt.halted()) {
      try {
        cleaner.sharpCheckpoint();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    cleaner.close();
    try {
      redo.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    try {
      doublewrite.close();
      spaces.close();
    } catch (IOException e) {
      failure = failure == null ? new StorageException("closing files failed", e) : failure;
    }
    if (failure != null && !halt.halted()) {
      throw failure;
    }
  }
}
