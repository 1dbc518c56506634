package io.dolly.storage.mtr;

import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.buffer.BufferPool.Latch;
import io.dolly.storage.buffer.Frame;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageId;
import io.dolly.storage.page.PageType;
import io.dolly.storage.redo.RedoLog;
import io.dolly.storage.redo.RedoRecordWriter;
import io.dolly.storage.space.TablespaceRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link MiniTransaction}: latches are taken as pages are fetched and held until
 * commit; redo records collect in a private buffer and are appended as one group at commit; each
 * changed page then gets the group's end LSN and joins the flush list.
 *
 * <p>A page fetched twice returns the same handle; asking to write a page this mini-transaction
 * holds shared is an error (latch upgrades deadlock). Closing without commit rolls the changed
 * pages back to their before-images, so a failure in the middle (e.g. {@link
 * io.dolly.storage.StorageFullException} while growing a file) leaves nothing half-done; pages it
 * allocated go back to the free list. Allocation and release touch the space header in
 * mini-transactions of their own ({@link FreeList}), so page 0 is never held here.
 *
 * <p>Nesting: a thread may open another mini-transaction while one is open (a B-tree writes an
 * overflow chain that way); the inner one must not touch pages the outer one holds, since latches
 * are reentrant and its commit would publish the outer one's uncommitted bytes.
 */
public final class LoggedMiniTransaction implements MiniTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedMiniTransaction.class);
  private static final ThreadLocal<int[]> OPEN = ThreadLocal.withInitial(() -> new int[1]);

  private final BufferPool pool;
  private final TablespaceRegistry spaces;
  private final RedoLog redo;
  private final RedoRecordWriter log = new RedoRecordWriter();
  private final Map<PageId, MtrPage> pages = new HashMap<>();
  private final List<MtrPage> order = new ArrayList<>();
  private final List<PageId> allocated = new ArrayList<>();
  private final List<PageId> freed = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private boolean finished;
  private long commitLsn;

  public LoggedMiniTransaction(BufferPool pool, TablespaceRegistry spaces, RedoLog redo) {
    this.pool = pool;
    this.spaces = spaces;
    this.redo = redo;
    OPEN.get()[0]++;
  }

  /** True when the calling thread already has a mini-transaction open (it may hold latches). */
  public static boolean openInThisThread() {
    return OPEN.get()[0] > 0;
  }

  void checkOpen() {
    if (finished) {
      throw new IllegalStateException("mini-transaction already committed or closed");
    }
  }

  @Override
  public PageHandle readPage(int spaceId, int pageNo) {
    checkOpen();
    PageId id = new PageId(spaceId, pageNo);
    MtrPage p = pages.get(id);
    if (p != null) {
      return p;
    }
    return track(new MtrPage(this, log, pool.fetch(spaceId, pageNo, Latch.SHARED), id, false));
  }

  @Override
  public PageHandle writePage(int spaceId, int pageNo) {
    return write(spaceId, pageNo, false);
  }

  private MtrPage write(int spaceId, int pageNo, boolean fresh) {
    checkOpen();
    PageId id = new PageId(spaceId, pageNo);
    MtrPage p = pages.get(id);
    if (p != null) {
      if (!p.writable) {
        throw new IllegalStateException(
            "page "
                + id
                + " is latched shared by this mini-transaction; latch it exclusively first");
      }
      return p;
    }
    Frame f =
        fresh ? pool.fetchFresh(spaceId, pageNo) : pool.fetch(spaceId, pageNo, Latch.EXCLUSIVE);
    return track(new MtrPage(this, log, f, id, true));
  }

  private MtrPage track(MtrPage p) {
    pages.put(p.id, p);
    order.add(p);
    return p;
  }

  /** Latches a page exclusively for the engine's own bookkeeping ({@link FreeList}). */
  MtrPage exclusive(int spaceId, int pageNo) {
    return write(spaceId, pageNo, false);
  }

  /**
   * Takes the page in a mini-transaction of its own ({@link FreeList} explains why page 0 is never
   * held here), then latches and initializes it in this one.
   */
  @Override
  public PageHandle allocatePage(int spaceId, int pageType) {
    checkOpen();
    if (pages.containsKey(new PageId(spaceId, 0))) {
      // The allocation below latches page 0 in this thread: shared here it would never get it,
      // exclusive here it would change bytes this mini-transaction may still roll back.
      throw new IllegalStateException(
          "cannot allocate in space " + spaceId + " while holding its space header page");
    }
    int pageNo = FreeList.take(pool, spaces, redo, spaceId);
    allocated.add(new PageId(spaceId, pageNo));
    MtrPage page = write(spaceId, pageNo, true);
    page.init(pageType);
    return page;
  }

  /**
   * Retypes the page as free now and links it into the free list only after this mini-transaction
   * committed, so that it cannot be handed out while a change that still uses it may roll back.
   */
  @Override
  public void freePage(int spaceId, int pageNo) {
    if (pageNo == 0) {
      throw new IllegalArgumentException("page 0 holds the space header and is never freed");
    }
    MtrPage page = write(spaceId, pageNo, false);
    if (freed.contains(page.id)) {
      throw new IllegalStateException("page " + page.id + " freed twice");
    }
    page.init(PageType.FREE);
    freed.add(page.id);
  }

  @Override
  public void logRecord(int recordType, byte[] payload) {
    checkOpen();
    log.extension(recordType, payload, 0, payload.length);
  }

  @Override
  public long commitLsn() {
    return commitLsn;
  }

  @Override
  public void commit() {
    checkOpen();
    try {
      if (log.length() > 0) {
        long[] start = new long[1];
        long end =
            redo.append(
                log.view(),
                s -> {
                  start[0] = s;
                  pool.beginDirtying(s);
                });
        try {
          for (MtrPage p : order) {
            if (p.modified()) {
              ByteBuffer.wrap(p.frame.bytes()).putLong(PageHeader.PAGE_LSN, end);
              pool.markDirty(p.frame, start[0], end);
              p.before = null;
            }
          }
        } finally {
          pool.endDirtying(start[0]);
        }
        commitLsn = end;
      }
    } finally {
      releaseAll();
    }
    release(freed);
    for (Runnable action : afterCommit) {
      action.run();
    }
    afterCommit.clear();
  }

  @Override
  public void afterCommit(Runnable action) {
    checkOpen();
    afterCommit.add(action);
  }

  @Override
  public void close() {
    if (!finished) {
      releaseAll();
      // Rolled back: the pages taken for this mini-transaction are unused again.
      release(allocated);
    }
  }

  /**
   * Returns pages to the free list after every latch of this mini-transaction is gone. A failure
   * here (the engine halted) only leaks them: the change that freed them is already committed.
   */
  private void release(List<PageId> pages) {
    if (pages.isEmpty()) {
      return;
    }
    List<PageId> copy = List.copyOf(pages);
    pages.clear();
    try {
      FreeList.give(pool, spaces, redo, copy);
    } catch (RuntimeException e) {
      LOG.warn("pages {} could not be returned to the free list; they stay unused", copy, e);
    }
  }

  private void releaseAll() {
    finished = true;
    OPEN.get()[0]--;
    for (int i = order.size() - 1; i >= 0; i--) {
      MtrPage p = order.get(i);
      p.rollback();
      pool.release(p.frame, p.writable ? Latch.EXCLUSIVE : Latch.SHARED);
    }
    order.clear();
    pages.clear();
  }
}
