package io.dolly.storage.btree;

import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory page store for tests: byte arrays per space, a free list, and a read-write latch per
 * page held by the mini-transaction until commit. Latches are re-entrant within one
 * mini-transaction (a page fetched twice returns the same handle); asking for an exclusive latch on
 * a page the same mini-transaction holds shared is refused, as an upgrade could deadlock.
 */
final class InMemoryPages implements MiniTransactionFactory {
  private final int pageSize;
  private final Map<Integer, Space> spaces = new HashMap<>();

  InMemoryPages(int pageSize) {
    this.pageSize = pageSize;
  }

  @Override
  public MiniTransaction begin() {
    return new Mtr();
  }

  int pageSize() {
    return pageSize;
  }

  /** Pages ever allocated in the space (the file size in pages). */
  synchronized int allocatedPages(int spaceId) {
    return space(spaceId).pages.size();
  }

  synchronized int freePages(int spaceId) {
    return space(spaceId).free.size();
  }

  private synchronized Space space(int spaceId) {
    return spaces.computeIfAbsent(spaceId, id -> new Space());
  }

  private static final class Space {
    final List<byte[]> pages = new ArrayList<>();
    final List<ReentrantReadWriteLock> latches = new ArrayList<>();
    final ArrayDeque<Integer> free = new ArrayDeque<>();
  }

  private final class Mtr implements MiniTransaction {
    private final Map<Long, Handle> held = new HashMap<>();
    private final List<long[]> pendingFree = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean changed;
    private boolean ended;

    @Override
    public PageHandle readPage(int spaceId, int pageNo) {
      return latch(spaceId, pageNo, false);
    }

    @Override
    public PageHandle writePage(int spaceId, int pageNo) {
      return latch(spaceId, pageNo, true);
    }

    private Handle latch(int spaceId, int pageNo, boolean exclusive) {
      if (ended) {
        throw new IllegalStateException("mini-transaction already ended");
      }
      long id = ((long) spaceId << 32) | (pageNo & 0xFFFF_FFFFL);
      Handle h = held.get(id);
      if (h != null) {
        if (exclusive && !h.exclusive) {
          throw new IllegalStateException("latch upgrade on page " + pageNo);
        }
        return h;
      }
      byte[] data;
      ReentrantReadWriteLock lock;
      Space space = space(spaceId);
      synchronized (InMemoryPages.this) {
        if (pageNo < 0 || pageNo >= space.pages.size()) {
          throw new IllegalArgumentException("no page " + pageNo + " in space " + spaceId);
        }
        data = space.pages.get(pageNo);
        lock = space.latches.get(pageNo);
      }
      if (exclusive) {
        lock.writeLock().lock();
      } else {
        lock.readLock().lock();
      }
      h = new Handle(spaceId, pageNo, data, lock, exclusive);
      held.put(id, h);
      if (PageHeaderInts.get(data, PageHeader.PAGE_TYPE, 2) == PageType.FREE) {
        h.release();
        held.remove(id);
        throw new IllegalStateException("page " + pageNo + " is free");
      }
      return h;
    }

    @Override
    public PageHandle allocatePage(int spaceId, int pageType) {
      Space space = space(spaceId);
      int pageNo;
      synchronized (InMemoryPages.this) {
        Integer reused = space.free.poll();
        if (reused != null) {
          pageNo = reused;
        } else {
          pageNo = space.pages.size();
          space.pages.add(new byte[pageSize]);
          space.latches.add(new ReentrantReadWriteLock());
        }
      }
      byte[] data;
      ReentrantReadWriteLock lock;
      synchronized (InMemoryPages.this) {
        data = space.pages.get(pageNo);
        lock = space.latches.get(pageNo);
      }
      lock.writeLock().lock();
      java.util.Arrays.fill(data, (byte) 0);
      PageHeaderInts.put(data, PageHeader.SPACE_ID, 4, spaceId);
      PageHeaderInts.put(data, PageHeader.PAGE_NO, 4, pageNo);
      PageHeaderInts.put(data, PageHeader.PAGE_TYPE, 2, pageType);
      Handle h = new Handle(spaceId, pageNo, data, lock, true);
      held.put(((long) spaceId << 32) | (pageNo & 0xFFFF_FFFFL), h);
      changed = true;
      return h;
    }

    @Override
    public void freePage(int spaceId, int pageNo) {
      latch(spaceId, pageNo, true);
      pendingFree.add(new long[] {spaceId, pageNo});
      changed = true;
    }

    @Override
    public void commit() {
      synchronized (InMemoryPages.this) {
        for (long[] f : pendingFree) {
          Space space = spaces.get((int) f[0]);
          byte[] data = space.pages.get((int) f[1]);
          java.util.Arrays.fill(data, (byte) 0);
          space.free.push((int) f[1]);
        }
      }
      pendingFree.clear();
      changed = false;
      release();
      for (Runnable action : afterCommit) {
        action.run();
      }
      afterCommit.clear();
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public void close() {
      if (ended) {
        return;
      }
      release();
      if (changed) {
        throw new IllegalStateException("mini-transaction closed with uncommitted changes");
      }
    }

    private void release() {
      for (Handle h : held.values()) {
        h.release();
      }
      held.clear();
      ended = true;
    }

    private final class Handle implements PageHandle {
      private final int spaceId;
      private final int pageNo;
      private final byte[] data;
      private final ReentrantReadWriteLock lock;
      private final boolean exclusive;

      Handle(int spaceId, int pageNo, byte[] data, ReentrantReadWriteLock lock, boolean exclusive) {
        this.spaceId = spaceId;
        this.pageNo = pageNo;
        this.data = data;
        this.lock = lock;
        this.exclusive = exclusive;
      }

      void release() {
        if (exclusive) {
          lock.writeLock().unlock();
        } else {
          lock.readLock().unlock();
        }
      }

      private void checkWrite(int offset, int length) {
        if (!exclusive) {
          throw new IllegalStateException("write through a shared latch on page " + pageNo);
        }
        if (offset < PageHeader.BODY_START || offset + length > data.length || length < 0) {
          throw new IndexOutOfBoundsException("write at " + offset + "+" + length);
        }
        changed = true;
      }

      @Override
      public int spaceId() {
        return spaceId;
      }

      @Override
      public int pageNo() {
        return pageNo;
      }

      @Override
      public int pageSize() {
        return data.length;
      }

      @Override
      public boolean writable() {
        return exclusive;
      }

      @Override
      public byte getByte(int offset) {
        return data[offset];
      }

      @Override
      public int getShort(int offset) {
        return (short) PageHeaderInts.get(data, offset, 2);
      }

      @Override
      public int getInt(int offset) {
        return (int) PageHeaderInts.get(data, offset, 4);
      }

      @Override
      public long getLong(int offset) {
        return PageHeaderInts.get(data, offset, 8);
      }

      @Override
      public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(data, offset, dst, dstOffset, length);
      }

      @Override
      public void putByte(int offset, int value) {
        checkWrite(offset, 1);
        data[offset] = (byte) value;
      }

      @Override
      public void putShort(int offset, int value) {
        checkWrite(offset, 2);
        PageHeaderInts.put(data, offset, 2, value);
      }

      @Override
      public void putInt(int offset, int value) {
        checkWrite(offset, 4);
        PageHeaderInts.put(data, offset, 4, value);
      }

      @Override
      public void putLong(int offset, long value) {
        checkWrite(offset, 8);
        PageHeaderInts.put(data, offset, 8, value);
      }

      @Override
      public void putBytes(int offset, byte[] src, int srcOffset, int length) {
        checkWrite(offset, length);
        System.arraycopy(src, srcOffset, data, offset, length);
      }

      @Override
      public void moveBytes(int srcOffset, int dstOffset, int length) {
        checkWrite(dstOffset, length);
        System.arraycopy(data, srcOffset, data, dstOffset, length);
      }

      @Override
      public void fill(int offset, int length, byte value) {
        checkWrite(offset, length);
        java.util.Arrays.fill(data, offset, offset + length, value);
      }
    }
  }

  /** Big-endian integer access to a page image. */
  private static final class PageHeaderInts {
    static long get(byte[] b, int off, int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (b[off + i] & 0xFF);
      }
      return v;
    }

    static void put(byte[] b, int off, int n, long v) {
      for (int i = n - 1; i >= 0; i--) {
        b[off + i] = (byte) v;
        v >>>= 8;
      }
    }
  }
}
