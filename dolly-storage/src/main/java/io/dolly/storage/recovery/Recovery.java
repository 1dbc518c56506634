package io.dolly.storage.recovery;

import io.dolly.storage.StorageException;
import io.dolly.storage.buffer.BufferPool;
import io.dolly.storage.buffer.BufferPool.Latch;
import io.dolly.storage.buffer.Doublewrite;
import io.dolly.storage.buffer.Frame;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoRecordHandler;
import io.dolly.storage.redo.RedoRecordReader;
import io.dolly.storage.redo.RedoRecordVisitor;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery: repairs torn pages from the doublewrite buffer, then replays every complete redo
 * group from the checkpoint LSN. A group's records are applied to a page only if the page LSN is
 * below the group's end LSN, so replay is idempotent: recovering twice equals recovering once. Redo
 * of a tablespace that no longer exists (dropped) is skipped. Applied pages are dirtied in the
 * buffer pool with the group's LSNs and flushed like any others. A page that is corrupt and cannot
 * be repaired stops recovery with a {@link io.dolly.storage.PageCorruptedException} naming it.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** What recovery found and did. */
  public record Result(long checkpointLsn, long endLsn, long groupsApplied, int pagesRepaired) {}

  private Recovery() {}

  public static Result run(
      RedoFileSet files,
      long checkpointLsn,
      BufferPool pool,
      TablespaceRegistry spaces,
      Doublewrite doublewrite,
      Map<Integer, RedoRecordHandler> handlers) {
    int repaired = doublewrite.repair(spaces);
    if (checkpointLsn < files.firstLsn()) {
      throw new StorageException(
          "redo from the checkpoint LSN "
              + checkpointLsn
              + " is missing (oldest redo file starts at "
              + files.firstLsn()
              + ")");
    }
    RedoScanner scanner = new RedoScanner(files, checkpointLsn);
    long groups = 0;
    try {
      while (true) {
        long start = scanner.lsn();
        ByteBuffer body = scanner.next();
        if (body == null) {
          break;
        }
        applyGroup(body, start, scanner.lsn(), pool, spaces, handlers);
        groups++;
      }
    } catch (IOException e) {
      throw new StorageException("reading redo failed: " + e.getMessage(), e);
    }
    LOG.info(
        "recovery applied {} redo groups from LSN {} to {}, repaired {} torn pages",
        groups,
        checkpointLsn,
        scanner.lsn(),
        repaired);
    return new Result(checkpointLsn, scanner.lsn(), groups, repaired);
  }

  private static void applyGroup(
      ByteBuffer body,
      long start,
      long end,
      BufferPool pool,
      TablespaceRegistry spaces,
      Map<Integer, RedoRecordHandler> handlers) {
    Map<PageId, Frame> latched = new LinkedHashMap<>();
    Set<PageId> skipped = new HashSet<>();
    int pageSize = pool.pageSize();
    try {
      RedoRecordReader.read(
          body,
          pageSize,
          new RedoRecordVisitor() {
            private byte[] page(int space, int pageNo, boolean reinit) {
              PageId id = new PageId(space, pageNo);
              Frame f = latched.get(id);
              if (f != null) {
                return f.bytes();
              }
              if (skipped.contains(id) || spaces.get(space) == null) {
                skipped.add(id);
                return null;
              }
              f =
                  reinit
                      ? pool.fetchFresh(space, pageNo)
                      : pool.fetch(space, pageNo, Latch.EXCLUSIVE);
              if (ByteBuffer.wrap(f.bytes()).getLong(PageHeader.PAGE_LSN) >= end) {
                pool.release(f, Latch.EXCLUSIVE);
                skipped.add(id);
                return null;
              }
              latched.put(id, f);
              return f.bytes();
            }

            @Override
            public void write(int space, int pageNo, int offset, ByteBuffer bytes) {
              byte[] p = page(space, pageNo, false);
              if (p != null) {
                bytes.get(bytes.position(), p, offset, bytes.remaining());
              }
            }

            @Override
            public void fill(int space, int pageNo, int offset, int length, byte value) {
              byte[] p = page(space, pageNo, false);
              if (p != null) {
                Arrays.fill(p, offset, offset + length, value);
              }
            }

            @Override
            public void move(int space, int pageNo, int src, int dst, int length) {
              byte[] p = page(space, pageNo, false);
              if (p != null) {
                System.arraycopy(p, src, p, dst, length);
              }
            }

            @Override
            public void init(int space, int pageNo, int pageType) {
              byte[] p = page(space, pageNo, true);
              if (p != null) {
                Arrays.fill(p, (byte) 0);
                ByteBuffer b = ByteBuffer.wrap(p);
                b.putInt(PageHeader.SPACE_ID, space);
                b.putInt(PageHeader.PAGE_NO, pageNo);
                b.putShort(PageHeader.PAGE_TYPE, (short) pageType);
              }
            }

            @Override
            public void image(int space, int pageNo, ByteBuffer image) {
              byte[] p = page(space, pageNo, true);
              if (p != null) {
                image.get(image.position(), p, 0, pageSize);
              }
            }

            @Override
            public void extension(int type, ByteBuffer payload) {
              RedoRecordHandler h = handlers.get(type);
              if (h != null) {
                h.apply(type, end, payload);
              }
            }
          });
      for (Frame f : latched.values()) {
        ByteBuffer.wrap(f.bytes()).putLong(PageHeader.PAGE_LSN, end);
        pool.markDirty(f, start, end);
      }
    } finally {
      for (Frame f : latched.values()) {
        pool.release(f, Latch.EXCLUSIVE);
      }
    }
  }
}
