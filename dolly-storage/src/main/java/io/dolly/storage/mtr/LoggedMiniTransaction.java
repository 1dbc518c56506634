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
import io.dolly.storage.space.SpaceHeader;
import io.dolly.storage.space.TablespaceRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link MiniTransaction}: latches are taken as pages are fetched and held until
 * commit; redo records collect in a private buffer and are appended as one group at commit; each
 * changed page then gets the group's end LSN and joins the flush list.
 *
 * <p>A page fetched twice returns the same handle; asking to write a page this mini-transaction
 * holds shared is an error (latch upgrades deadlock). Closing without commit rolls the changed
 * pages back to their before-images, so a failure in the middle (e.g. {@link
 * io.dolly.storage.StorageFullException} while growing a file) leaves nothing half-done.
 */
public final class LoggedMiniTransaction implements MiniTransaction {
  private static final ThreadLocal<int[]> OPEN = ThreadLocal.withInitial(() -> new int[1]);

  private final BufferPool pool;
  private final TablespaceRegistry spaces;
  private final RedoLog redo;
  private final RedoRecordWriter log = new RedoRecordWriter();
  private final Map<PageId, MtrPage> pages = new HashMap<>();
  private final List<MtrPage> order = new ArrayList<>();
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

  @Override
  public PageHandle allocatePage(int spaceId, int pageType) {
    MtrPage header = write(spaceId, 0, false);
    int head = header.getInt(SpaceHeader.FREE_HEAD);
    MtrPage page;
    if (head != PageHeader.NULL_PAGE) {
      page = write(spaceId, head, false);
      header.putInt(SpaceHeader.FREE_HEAD, page.getInt(SpaceHeader.FREE_NEXT));
      header.putInt(SpaceHeader.FREE_COUNT, header.getInt(SpaceHeader.FREE_COUNT) - 1);
    } else {
      int highWater = header.getInt(SpaceHeader.HIGH_WATER);
      int size = header.getInt(SpaceHeader.SIZE);
      if (highWater >= size) {
        int grown = SpaceHeader.grownSize(size, pool.pageSize());
        // Physically first: if the disk is full nothing has been changed yet by this step.
        spaces.require(spaceId).extendTo(grown);
        header.putInt(SpaceHeader.SIZE, grown);
      }
      header.putInt(SpaceHeader.HIGH_WATER, highWater + 1);
      page = write(spaceId, highWater, true);
    }
    page.init(pageType);
    return page;
  }

  @Override
  public void freePage(int spaceId, int pageNo) {
    if (pageNo == 0) {
      throw new IllegalArgumentException("page 0 holds the space header and is never freed");
    }
    MtrPage header = write(spaceId, 0, false);
    MtrPage page = write(spaceId, pageNo, false);
    int head = header.getInt(SpaceHeader.FREE_HEAD);
    page.init(PageType.FREE);
    page.putInt(SpaceHeader.FREE_NEXT, head);
    header.putInt(SpaceHeader.FREE_HEAD, pageNo);
    header.putInt(SpaceHeader.FREE_COUNT, header.getInt(SpaceHeader.FREE_COUNT) + 1);
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
  }

  @Override
  public void close() {
    if (!finished) {
      releaseAll();
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
