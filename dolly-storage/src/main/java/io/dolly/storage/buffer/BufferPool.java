package io.dolly.storage.buffer;

import io.dolly.storage.StorageException;
import io.dolly.storage.io.Halt;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageId;
import io.dolly.storage.space.Tablespace;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A fixed set of frames ({@code innodb_buffer_pool_size / page size}); memory never grows with
 * data. A page hash maps page ids to frames; eviction is a clock sweep over unpinned clean frames
 * (a dirty victim is flushed first). Dirty frames sit on a flush list ordered by oldest
 * modification LSN, which is what checkpoints are computed from.
 *
 * <p>Flushing copies a page under a shared latch, honours the write-ahead rule (redo durable up to
 * the page LSN before the page is written), writes the batch through the {@link Doublewrite}
 * buffer, then in place, fsyncs, and only then marks frames clean. A frame changed after its copy
 * was taken stays dirty with the oldest modification made after the copy.
 */
public final class BufferPool {
  /** Latch modes for {@link #fetch}. */
  public enum Latch {
    SHARED,
    EXCLUSIVE
  }

  /** Pages per flush batch (one doublewrite round). */
  public static final int BATCH = Doublewrite.SLOTS;

  private final Frame[] frames;
  private final int pageSize;
  private final TablespaceRegistry spaces;
  private final Doublewrite doublewrite;
  private final Halt halt;

  private final ReentrantLock poolLock = new ReentrantLock();
  private final Map<PageId, Frame> hash = new HashMap<>();
  private int hand;

  private final Object flushListLock = new Object();
  private final TreeSet<Frame> flushList =
      new TreeSet<>(
          Comparator.<Frame>comparingLong(f -> f.oldestModification)
              .thenComparingInt(f -> f.index));
  private final ConcurrentSkipListMap<Long, Boolean> dirtyingInFlight =
      new ConcurrentSkipListMap<>();
  private final List<PageTracker> trackers = new CopyOnWriteArrayList<>();
  private final ReentrantLock flushLock = new ReentrantLock();

  private volatile LongConsumer writeAheadBarrier = lsn -> {};
  private volatile LongSupplier currentLsn = () -> 0;
  private long pagesWritten;

  public BufferPool(
      int frameCount, int pageSize, TablespaceRegistry spaces, Doublewrite doublewrite, Halt halt) {
    if (frameCount < 8) {
      throw new IllegalArgumentException("buffer pool needs at least 8 frames");
    }
    this.frames = new Frame[frameCount];
    for (int i = 0; i < frameCount; i++) {
      frames[i] = new Frame(i, pageSize);
    }
    this.pageSize = pageSize;
    this.spaces = spaces;
    this.doublewrite = doublewrite;
    this.halt = halt;
  }

  /**
   * Connects the redo log: {@code barrier} makes redo durable up to an LSN (write-ahead rule),
   * {@code current} gives the current LSN (checkpoint of a clean pool). During recovery neither is
   * needed: all redo being applied is already on disk.
   */
  public void connectRedo(LongConsumer barrier, LongSupplier current) {
    this.writeAheadBarrier = barrier;
    this.currentLsn = current;
  }

  public int pageSize() {
    return pageSize;
  }

  public int frameCount() {
    return frames.length;
  }

  // ---- fetching ------------------------------------------------------------------------------

  /** Pins and latches the page, reading it from disk (verified) if it is not resident. */
  public Frame fetch(int spaceId, int pageNo, Latch latch) {
    return fetch(new PageId(spaceId, pageNo), latch, false);
  }

  /**
   * Pins and exclusively latches a page whose old content does not matter (a page just handed out
   * by its tablespace, or re-initialized by redo): a non-resident page is zeroed, not read.
   */
  public Frame fetchFresh(int spaceId, int pageNo) {
    return fetch(new PageId(spaceId, pageNo), Latch.EXCLUSIVE, true);
  }

  private Frame fetch(PageId id, Latch latch, boolean fresh) {
    Tablespace space = spaces.require(id.spaceId());
    for (int attempt = 0; ; attempt++) {
      halt.check();
      Frame f;
      boolean load = false;
      poolLock.lock();
      try {
        f = hash.get(id);
        if (f != null) {
          f.pins++;
          f.referenced = true;
        } else {
          f = victimLocked();
          if (f != null) {
            f.id = id;
            f.pins = 1;
            f.referenced = true;
            hash.put(id, f);
            f.latch.writeLock().lock();
            load = true;
          }
        }
      } finally {
        poolLock.unlock();
      }
      if (f == null) {
        makeRoom(attempt);
        continue;
      }
      if (load) {
        try {
          if (fresh) {
            java.util.Arrays.fill(f.bytes, (byte) 0);
          } else {
            space.readPage(id.pageNo(), f.bytes);
          }
          f.newestModification = PageChecksum.pageLsn(f.bytes);
        } catch (RuntimeException e) {
          poolLock.lock();
          try {
            hash.remove(id);
            f.id = null;
            f.pins--;
          } finally {
            poolLock.unlock();
          }
          f.latch.writeLock().unlock();
          throw e;
        }
        if (latch == Latch.SHARED) {
          f.latch.readLock().lock();
          f.latch.writeLock().unlock();
        }
        return f;
      }
      lock(f, latch);
      if (!id.equals(f.id)) {
        unlock(f, latch);
        unpin(f);
        continue;
      }
      return f;
    }
  }

  private static void lock(Frame f, Latch latch) {
    if (latch == Latch.SHARED) {
      f.latch.readLock().lock();
    } else {
      f.latch.writeLock().lock();
    }
  }

  private static void unlock(Frame f, Latch latch) {
    if (latch == Latch.SHARED) {
      f.latch.readLock().unlock();
    } else {
      f.latch.writeLock().unlock();
    }
  }

  private void unpin(Frame f) {
    poolLock.lock();
    try {
      f.pins--;
    } finally {
      poolLock.unlock();
    }
  }

  /** Releases the latch and the pin taken by {@link #fetch}. */
  public void release(Frame f, Latch latch) {
    unlock(f, latch);
    unpin(f);
  }

  /** Clock sweep for a free or clean, unpinned, not recently used frame. Pool lock held. */
  private Frame victimLocked() {
    for (int i = 0; i < 2 * frames.length; i++) {
      Frame f = frames[hand];
      hand = (hand + 1) % frames.length;
      if (f.pins > 0) {
        continue;
      }
      if (f.id == null) {
        return f;
      }
      if (f.oldestModification != 0) {
        continue;
      }
      if (f.referenced) {
        f.referenced = false;
        continue;
      }
      hash.remove(f.id);
      f.id = null;
      return f;
    }
    return null;
  }

  private void makeRoom(int attempt) {
    if (flushOldest(BATCH) > 0) {
      return;
    }
    if (attempt > 2000) {
      throw new StorageException(
          "buffer pool exhausted: all " + frames.length + " frames are pinned or unflushable");
    }
    Thread.yield();
    if (attempt > 100) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted waiting for a free frame", e);
      }
    }
  }

  // ---- dirtying ------------------------------------------------------------------------------

  /**
   * Called under the redo append lock with a group's start LSN, before its pages are on the flush
   * list: a checkpoint computed meanwhile must not pass it.
   */
  public void beginDirtying(long startLsn) {
    dirtyingInFlight.put(startLsn, Boolean.TRUE);
  }

  public void endDirtying(long startLsn) {
    dirtyingInFlight.remove(startLsn);
  }

  /** Records a change of an exclusively latched frame made by the group [start, end). */
  public void markDirty(Frame f, long startLsn, long endLsn) {
    synchronized (flushListLock) {
      if (f.oldestModification == 0) {
        f.oldestModification = startLsn;
        flushList.add(f);
      }
      if (f.copyTaken && f.modifiedSinceCopy == 0) {
        f.modifiedSinceCopy = startLsn;
      }
      f.newestModification = endLsn;
      for (PageTracker t : trackers) {
        t.record(f.id);
      }
    }
  }

  /** The LSN a checkpoint may take now: nothing below it is missing from disk. */
  public long checkpointCandidate() {
    long lsn = currentLsn.getAsLong();
    Map.Entry<Long, Boolean> inFlight = dirtyingInFlight.firstEntry();
    if (inFlight != null) {
      lsn = Math.min(lsn, inFlight.getKey());
    }
    synchronized (flushListLock) {
      if (!flushList.isEmpty()) {
        lsn = Math.min(lsn, flushList.first().oldestModification);
      }
    }
    return lsn;
  }

  /** Oldest modification of any dirty page, or 0 if the pool is clean. */
  public long oldestModification() {
    synchronized (flushListLock) {
      return flushList.isEmpty() ? 0 : flushList.first().oldestModification;
    }
  }

  public int dirtyPages() {
    synchronized (flushListLock) {
      return flushList.size();
    }
  }

  public int residentPages() {
    poolLock.lock();
    try {
      return hash.size();
    } finally {
      poolLock.unlock();
    }
  }

  public long pagesWritten() {
    flushLock.lock();
    try {
      return pagesWritten;
    } finally {
      flushLock.unlock();
    }
  }

  // ---- flushing ------------------------------------------------------------------------------

  /** Flushes up to {@code max} of the oldest dirty pages; returns how many were written. */
  public int flushOldest(int max) {
    List<Frame> candidates = new ArrayList<>();
    synchronized (flushListLock) {
      for (Frame f : flushList) {
        if (candidates.size() >= Math.min(max, BATCH)) {
          break;
        }
        candidates.add(f);
      }
    }
    return candidates.isEmpty() ? 0 : flushFrames(candidates);
  }

  /** Flushes until every page dirtied before the call is on disk. */
  public void flushAll() {
    long target = currentLsn.getAsLong();
    for (int round = 0; ; round++) {
      long oldest = oldestModification();
      if (oldest == 0 || (oldest >= target && target > 0)) {
        return;
      }
      if (flushOldest(BATCH) == 0) {
        halt.check();
        Thread.yield();
        if (round > 100_000) {
          throw new StorageException("cannot flush: pages stay latched");
        }
      }
    }
  }

  private int flushFrames(List<Frame> candidates) {
    flushLock.lock();
    List<Frame> taken = new ArrayList<>();
    try {
      halt.check();
      List<byte[]> images = new ArrayList<>();
      long[] copied = new long[candidates.size()];
      long maxLsn = 0;
      for (Frame f : candidates) {
        poolLock.lock();
        try {
          if (f.id == null || f.oldestModification == 0) {
            continue;
          }
          f.pins++;
        } finally {
          poolLock.unlock();
        }
        // tryLock: a frame latched by a mini-transaction is skipped, never waited for, so a
        // thread flushing to find a free frame cannot deadlock with latch holders. A frame this
        // very thread holds exclusively is skipped too: the read lock would be granted
        // (reentrancy) and the copy would carry the caller's uncommitted, unlogged changes.
        if (f.latch.isWriteLockedByCurrentThread() || !f.latch.readLock().tryLock()) {
          unpin(f);
          continue;
        }
        try {
          if (f.oldestModification == 0) {
            unpin(f);
            continue;
          }
          byte[] img = f.bytes.clone();
          synchronized (flushListLock) {
            f.copyTaken = true;
            f.modifiedSinceCopy = 0;
            copied[taken.size()] = f.newestModification;
          }
          maxLsn = Math.max(maxLsn, copied[taken.size()]);
          taken.add(f);
          images.add(img);
        } finally {
          f.latch.readLock().unlock();
        }
      }
      if (taken.isEmpty()) {
        return 0;
      }
      writeAheadBarrier.accept(maxLsn);
      for (byte[] img : images) {
        PageChecksum.stamp(img, 0, pageSize);
      }
      try {
        doublewrite.write(images);
        Map<Integer, Tablespace> touched = new LinkedHashMap<>();
        for (int i = 0; i < taken.size(); i++) {
          PageId id = taken.get(i).id;
          Tablespace t = spaces.require(id.spaceId());
          t.writePage(id.pageNo(), images.get(i));
          touched.put(id.spaceId(), t);
        }
        for (Tablespace t : touched.values()) {
          t.sync();
        }
      } catch (IOException | RuntimeException e) {
        throw halt.halt("page flush failure", e);
      }
      synchronized (flushListLock) {
        for (int i = 0; i < taken.size(); i++) {
          Frame f = taken.get(i);
          flushList.remove(f);
          if (f.newestModification == copied[i]) {
            f.oldestModification = 0;
          } else {
            f.oldestModification = f.modifiedSinceCopy;
            flushList.add(f);
          }
          f.copyTaken = false;
        }
      }
      pagesWritten += taken.size();
      return taken.size();
    } finally {
      for (Frame f : taken) {
        unpin(f);
      }
      flushLock.unlock();
    }
  }

  // ---- clone hooks ---------------------------------------------------------------------------

  /**
   * A consistent image of a page (read under its shared latch, checksum stamped), as clone's PAGE
   * COPY sends it; its page LSN is in the header.
   */
  public byte[] copyPage(int spaceId, int pageNo) {
    Frame f = fetch(spaceId, pageNo, Latch.SHARED);
    byte[] img;
    try {
      img = f.bytes.clone();
    } finally {
      release(f, Latch.SHARED);
    }
    if (!PageChecksum.isAllZero(img, 0, pageSize)) {
      PageChecksum.stamp(img, 0, pageSize);
    }
    return img;
  }

  /** Starts recording dirtied pages, seeded with every page dirty now. */
  public PageTracker startTracking() {
    synchronized (flushListLock) {
      PageTracker[] holder = new PageTracker[1];
      PageTracker t =
          new PageTracker(
              currentLsn.getAsLong(),
              () -> {
                awaitDirtyingBelow(currentLsn.getAsLong());
                trackers.remove(holder[0]);
              });
      holder[0] = t;
      for (Frame f : flushList) {
        t.record(f.id);
      }
      trackers.add(t);
      return t;
    }
  }

  /** Waits until every group starting below {@code lsn} has put its pages on the flush list. */
  private void awaitDirtyingBelow(long lsn) {
    while (true) {
      Map.Entry<Long, Boolean> first = dirtyingInFlight.firstEntry();
      if (first == null || first.getKey() >= lsn) {
        return;
      }
      Thread.yield();
    }
  }

  /** Forgets every page of a tablespace about to be dropped (dirty ones are not written). */
  public void discardSpace(int spaceId) {
    // Taking the flush lock first waits out a flush batch that may hold pins on these pages.
    flushLock.lock();
    poolLock.lock();
    try {
      for (Frame f : frames) {
        PageId id = f.id;
        if (id == null || id.spaceId() != spaceId) {
          continue;
        }
        if (f.pins > 0) {
          throw new StorageException("tablespace " + spaceId + " is in use (page " + id + ")");
        }
        synchronized (flushListLock) {
          flushList.remove(f);
          f.oldestModification = 0;
        }
        hash.remove(id);
        f.id = null;
      }
    } finally {
      poolLock.unlock();
      flushLock.unlock();
    }
  }
}
