package io.dolly.storage.redo;

import io.dolly.storage.StorageException;
import io.dolly.storage.io.Halt;
import io.dolly.storage.io.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redo log: appends mini-transaction groups ({@link RedoGroup}) to an in-memory buffer under a
 * short lock, and a log writer platform thread writes the buffer to the {@link RedoFileSet} and
 * fsyncs it. Every committer waiting in {@link #waitDurable} is served by the same fsync (group
 * commit): while one fsync runs, later commits accumulate and the next round writes them together.
 *
 * <p>Capacity ({@code innodb_redo_log_capacity}) is soft: {@link #awaitSpace()} makes a new
 * mini-transaction wait, before it latches anything, while the checkpoint age is above 7/8 of the
 * capacity and asks the page cleaner to flush. Checkpoint slots live in a {@link CheckpointFile}.
 *
 * <p>A full disk does not halt the log: redo files are preallocated, so only creating the next one
 * can fail, and the writer then waits for space and retries, as MySQL waits out a full disk
 * (committers wait meanwhile). The bytes cannot be dropped, since their changes are already in
 * pages of the pool, and retrying a failed write is safe (unlike a failed fsync, it lost nothing).
 */
public final class RedoLog implements AutoCloseable {
  /** The first LSN of a new instance; 0 stays free to mean "never written" in page headers. */
  public static final long FIRST_LSN = 8192;

  private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long DISK_FULL_RETRY_MILLIS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(RedoLog.class);

  private final RedoFileSet files;
  private final CheckpointFile checkpointFile;
  private final FlushPolicy policy;
  private final long capacity;
  private final Halt halt;
  private volatile Runnable checkpointRequest = () -> {};

  // Appending: guarded by appendLock.
  private final ReentrantLock appendLock = new ReentrantLock();
  private final Condition dataAvailable = appendLock.newCondition();
  private final Condition bufferSpace = appendLock.newCondition();
  private final Condition holdReleased = appendLock.newCondition();
  private ByteBuffer pending;
  private ByteBuffer spare;
  private long bufferedFrom;
  private volatile long currentLsn;
  private boolean commitsHeld;
  private int appendersWaiting;
  private boolean closing;

  // Progress of the writer: guarded by stateLock for waiting, volatile for reading.
  private final ReentrantLock stateLock = new ReentrantLock();
  private final Condition progress = stateLock.newCondition();
  private volatile long writtenLsn;
  private volatile long durableLsn;
  private final AtomicLong syncRequest = new AtomicLong();
  private volatile long checkpointLsn;
  private volatile boolean waitingForDiskSpace;

  private final TreeMap<Long, Integer> retained = new TreeMap<>();
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong groups = new AtomicLong();
  private final Thread writer;

  /** Starts the log at {@code endLsn} (the end of the valid log) with the given last checkpoint. */
  public RedoLog(
      RedoFileSet files,
      CheckpointFile checkpointFile,
      long endLsn,
      FlushPolicy policy,
      long capacity,
      int bufferSize,
      Halt halt) {
    this.files = files;
    this.checkpointFile = checkpointFile;
    this.policy = policy;
    this.capacity = capacity;
    this.halt = halt;
    this.pending = ByteBuffer.allocate(bufferSize);
    this.spare = ByteBuffer.allocate(bufferSize);
    this.currentLsn = endLsn;
    this.bufferedFrom = endLsn;
    this.writtenLsn = endLsn;
    this.durableLsn = endLsn;
    this.checkpointLsn = checkpointFile.last().lsn();
    this.writer = Thread.ofPlatform().name("dolly-log-writer").daemon().unstarted(this::writeLoop);
    writer.start();
  }

  /** Called when appenders need the checkpoint to advance (wakes the page cleaner). */
  public void onCheckpointNeeded(Runnable request) {
    this.checkpointRequest = request;
  }

  // ---- appending -----------------------------------------------------------------------------

  /**
   * Appends one group holding {@code records}; {@code onStartLsn} runs under the append lock with
   * the group's start LSN (so a caller can register it before anyone can see a later LSN). Returns
   * the group's end LSN.
   */
  public long append(ByteBuffer records, LongConsumer onStartLsn) {
    int frame = RedoGroup.frameLength(records.remaining());
    appendLock.lock();
    try {
      halt.check();
      while (commitsHeld) {
        holdReleased.awaitUninterruptibly();
      }
      while (pending.position() > 0 && pending.remaining() < frame) {
        appendersWaiting++;
        dataAvailable.signal();
        try {
          bufferSpace.awaitUninterruptibly();
        } finally {
          appendersWaiting--;
        }
        halt.check();
      }
      if (pending.remaining() < frame) {
        pending = ByteBuffer.allocate(Math.max(frame, pending.capacity()));
      }
      long start = currentLsn;
      RedoGroup.encode(records, start, pending);
      currentLsn = start + frame;
      groups.incrementAndGet();
      onStartLsn.accept(start);
      dataAvailable.signal();
      return start + frame;
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Waits, before a mini-transaction latches anything, while the checkpoint age exceeds 7/8 of the
   * capacity. Waiting with latches held could deadlock with the page cleaner.
   */
  public void awaitSpace() {
    long limit = capacity - capacity / 8;
    while (currentLsn - checkpointLsn > limit) {
      halt.check();
      checkpointRequest.run();
      stateLock.lock();
      try {
        if (currentLsn - checkpointLsn > limit) {
          progress.await(20, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted waiting for redo space", e);
      } finally {
        stateLock.unlock();
      }
    }
  }

  // ---- durability ----------------------------------------------------------------------------

  /** Waits as the commit policy requires for redo up to {@code lsn}. */
  public void waitDurable(long lsn) {
    switch (policy) {
      case SYNC_AT_COMMIT -> flushDurable(lsn);
      case WRITE_AT_COMMIT -> awaitProgress(lsn, false);
      case WRITE_AND_SYNC_EVERY_SECOND -> halt.check();
    }
  }

  /** Waits until redo up to {@code lsn} is fsynced, whatever the policy (write-ahead rule). */
  public void flushDurable(long lsn) {
    awaitProgress(lsn, true);
  }

  private void awaitProgress(long lsn, boolean sync) {
    lsn = Math.min(lsn, currentLsn);
    if ((sync ? durableLsn : writtenLsn) >= lsn) {
      return;
    }
    if (sync) {
      syncRequest.accumulateAndGet(lsn, Math::max);
    }
    appendLock.lock();
    try {
      dataAvailable.signal();
    } finally {
      appendLock.unlock();
    }
    stateLock.lock();
    try {
      while ((sync ? durableLsn : writtenLsn) < lsn) {
        halt.check();
        progress.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted waiting for redo", e);
    } finally {
      stateLock.unlock();
    }
  }

  private boolean workReady(long lastSync) {
    boolean second = System.nanoTime() - lastSync >= SECOND_NANOS;
    boolean data = pending.position() > 0;
    return closing
        || syncRequest.get() > durableLsn
        || appendersWaiting > 0
        || (data && policy != FlushPolicy.WRITE_AND_SYNC_EVERY_SECOND)
        || (second && (data || writtenLsn > durableLsn));
  }

  private void writeLoop() {
    long lastSync = System.nanoTime();
    while (true) {
      ByteBuffer toWrite = null;
      long from = 0;
      long to = 0;
      boolean exit;
      appendLock.lock();
      try {
        while (!workReady(lastSync)) {
          // Once the second is over with nothing to do, sleep a full second rather than spin.
          long left = SECOND_NANOS - (System.nanoTime() - lastSync);
          dataAvailable.awaitNanos(left > 0 ? left : SECOND_NANOS);
        }
        exit = closing && pending.position() == 0;
        if (pending.position() > 0) {
          toWrite = pending;
          pending =
              spare.capacity() >= pending.capacity()
                  ? spare
                  : ByteBuffer.allocate(pending.capacity());
          spare = null;
          from = bufferedFrom;
          to = currentLsn;
          bufferedFrom = to;
          bufferSpace.signalAll();
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        appendLock.unlock();
      }
      try {
        if (toWrite != null) {
          toWrite.flip();
          writeWaitingForSpace(from, toWrite);
          toWrite.clear();
          writtenLsn = to;
        }
        boolean second = System.nanoTime() - lastSync >= SECOND_NANOS;
        if (writtenLsn > durableLsn
            && (policy == FlushPolicy.SYNC_AT_COMMIT
                || syncRequest.get() > durableLsn
                || second
                || closing)) {
          long target = writtenLsn;
          files.force();
          fsyncs.incrementAndGet();
          durableLsn = target;
          lastSync = System.nanoTime();
        } else if (second) {
          lastSync = System.nanoTime();
        }
      } catch (IOException | RuntimeException e) {
        halt.halt("redo log write failure", e);
        signalAllWaiters();
        return;
      }
      if (toWrite != null) {
        appendLock.lock();
        try {
          spare = toWrite;
        } finally {
          appendLock.unlock();
        }
      }
      signalProgress();
      if (exit) {
        return;
      }
    }
  }

  /** Writes {@code data} at LSN {@code from}, retrying while the disk is full (class comment). */
  private void writeWaitingForSpace(long from, ByteBuffer data) throws IOException {
    int start = data.position();
    for (long attempt = 0; ; attempt++) {
      try {
        files.write(from, data);
        if (waitingForDiskSpace) {
          LOG.info("redo log: disk space available again, writing resumed at LSN {}", from);
          waitingForDiskSpace = false;
        }
        return;
      } catch (IOException e) {
        if (!IoFailures.isNoSpace(e) || halt.halted()) {
          throw e;
        }
        if (attempt % 600 == 0) {
          LOG.warn(
              "redo log: {}; waiting for disk space, retrying every {} ms",
              e.getMessage(),
              DISK_FULL_RETRY_MILLIS);
        }
        waitingForDiskSpace = true;
        // Rewriting the part that did land is harmless: the same bytes at the same LSNs.
        data.position(start);
        try {
          Thread.sleep(DISK_FULL_RETRY_MILLIS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** True while the log writer waits for disk space to create the next redo file. */
  public boolean waitingForDiskSpace() {
    return waitingForDiskSpace;
  }

  private void signalProgress() {
    stateLock.lock();
    try {
      progress.signalAll();
    } finally {
      stateLock.unlock();
    }
  }

  private void signalAllWaiters() {
    signalProgress();
    appendLock.lock();
    try {
      bufferSpace.signalAll();
      holdReleased.signalAll();
    } finally {
      appendLock.unlock();
    }
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  /**
   * Records a checkpoint at {@code lsn}: every page change below it is on disk (the caller made
   * sure). Makes redo durable up to it, writes the slot, then deletes files below the checkpoint
   * that no clone retains.
   */
  public synchronized void writeCheckpoint(long lsn) {
    if (lsn <= checkpointLsn) {
      return;
    }
    flushDurable(lsn);
    try {
      checkpointFile.write(lsn);
      checkpointLsn = lsn;
      files.removeBelow(Math.min(lsn, retentionFloor()));
    } catch (IOException e) {
      throw halt.halt("checkpoint write failure", e);
    }
    signalProgress();
  }

  private long retentionFloor() {
    synchronized (retained) {
      return retained.isEmpty() ? Long.MAX_VALUE : retained.firstKey();
    }
  }

  public long checkpointLsn() {
    return checkpointLsn;
  }

  /** Bytes of redo the next recovery would have to scan. */
  public long checkpointAge() {
    return currentLsn - checkpointLsn;
  }

  public long capacity() {
    return capacity;
  }

  // ---- clone hooks ---------------------------------------------------------------------------

  /** LSN where the next group will start (= end of everything appended so far). */
  public long currentLsn() {
    return currentLsn;
  }

  public long durableLsn() {
    return durableLsn;
  }

  public long writtenLsn() {
    return writtenLsn;
  }

  /** Keeps all redo from {@code lsn} on until the returned handle is closed. */
  public RedoRetention retainFrom(long lsn) {
    synchronized (this) {
      if (lsn < files.firstLsn()) {
        throw new StorageException(
            "redo from LSN "
                + lsn
                + " is no longer available (oldest is "
                + files.firstLsn()
                + ")");
      }
      synchronized (retained) {
        retained.merge(lsn, 1, Integer::sum);
      }
    }
    return new RedoRetention() {
      private boolean closed;

      @Override
      public long fromLsn() {
        return lsn;
      }

      @Override
      public void close() {
        synchronized (retained) {
          if (closed) {
            return;
          }
          closed = true;
          retained.computeIfPresent(lsn, (k, v) -> v == 1 ? null : v - 1);
        }
      }
    };
  }

  /** Streams the raw redo bytes [fromLsn, toLsn) after making them durable. */
  public void readRange(long fromLsn, long toLsn, RedoRangeConsumer consumer) throws IOException {
    if (toLsn > currentLsn) {
      throw new IllegalArgumentException("redo range ends at " + toLsn + " beyond " + currentLsn);
    }
    flushDurable(toLsn);
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    long lsn = fromLsn;
    while (lsn < toLsn) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), toLsn - lsn));
      int n = files.read(lsn, chunk);
      if (n <= 0) {
        throw new StorageException("redo at LSN " + lsn + " is not available");
      }
      chunk.flip();
      consumer.accept(lsn, chunk);
      lsn += n;
    }
  }

  /** Blocks appends until the returned hold is closed; its LSN ends every appended group. */
  public CommitHold holdCommits() {
    long lsn;
    appendLock.lock();
    try {
      while (commitsHeld) {
        holdReleased.awaitUninterruptibly();
      }
      commitsHeld = true;
      lsn = currentLsn;
    } finally {
      appendLock.unlock();
    }
    return new CommitHold() {
      private boolean closed;

      @Override
      public long lsn() {
        return lsn;
      }

      @Override
      public void close() {
        appendLock.lock();
        try {
          if (!closed) {
            closed = true;
            commitsHeld = false;
            holdReleased.signalAll();
          }
        } finally {
          appendLock.unlock();
        }
      }
    };
  }

  public RedoFileSet files() {
    return files;
  }

  public FlushPolicy policy() {
    return policy;
  }

  /** Fsyncs performed by the log writer so far. */
  public long fsyncCount() {
    return fsyncs.get();
  }

  /** Groups appended so far. */
  public long groupCount() {
    return groups.get();
  }

  public Map<Long, Integer> retainedLsns() {
    synchronized (retained) {
      return new TreeMap<>(retained);
    }
  }

  /** Writes and fsyncs what is buffered, stops the writer and closes the files. */
  @Override
  public void close() {
    appendLock.lock();
    try {
      closing = true;
      dataAvailable.signal();
    } finally {
      appendLock.unlock();
    }
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      files.close();
      checkpointFile.close();
    } catch (IOException e) {
      throw IoFailures.wrap(files.files().getLast().path(), "closing redo", e);
    }
  }
}
