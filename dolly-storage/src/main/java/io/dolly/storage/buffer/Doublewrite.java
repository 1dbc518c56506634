package io.dolly.storage.buffer;

import io.dolly.storage.io.IoFailures;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.space.Tablespace;
import io.dolly.storage.space.TablespaceRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Torn-page protection: every flush batch is first written to {@code #ib_doublewrite} and fsynced,
 * and only then to the tablespaces. A page torn by a power loss during its in-place write is then
 * intact in this file, and {@link #repair} puts it back before redo is applied.
 *
 * <p>Why a doublewrite buffer rather than full-page images in redo: an image must be logged for the
 * first change after every checkpoint, and deciding "first" races with a concurrently advancing
 * checkpoint; the doublewrite buffer is independent of checkpoints, keeps redo small (which clone
 * copies and replays), and makes repair a local, per-page decision. The file is {@link #SLOTS}
 * pages of full page images (each carries its own header and checksum); it is not cloned: a clone
 * re-sends every page that could have been torn in its copy.
 */
public final class Doublewrite {
  public static final String NAME = "#ib_doublewrite";
  public static final int SLOTS = 64;

  private static final Logger LOG = LoggerFactory.getLogger(Doublewrite.class);

  private final StorageFile file;
  private final int pageSize;

  private Doublewrite(StorageFile file, int pageSize) {
    this.file = file;
    this.pageSize = pageSize;
  }

  public static Doublewrite openOrCreate(StorageFileSystem fs, Path datadir, int pageSize) {
    Path p = datadir.resolve(NAME);
    try {
      if (fs.exists(p)) {
        return new Doublewrite(fs.open(p), pageSize);
      }
      StorageFile f = fs.create(p);
      // Full size up front: a flush must never need to grow this file (ENOSPC mid-flush halts).
      f.writeFully(ByteBuffer.allocate(SLOTS * pageSize), 0);
      f.force();
      fs.syncDirectory(datadir);
      return new Doublewrite(f, pageSize);
    } catch (IOException e) {
      throw IoFailures.wrap(p, "opening", e);
    }
  }

  /** Writes up to {@link #SLOTS} stamped page images and fsyncs them. */
  void write(List<byte[]> images) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(images.size() * pageSize);
    for (byte[] img : images) {
      b.put(img, 0, pageSize);
    }
    b.flip();
    file.writeFully(b, 0);
    file.force();
  }

  /**
   * Restores every tablespace page that fails verification from its newest valid copy here; returns
   * how many were repaired.
   */
  public int repair(TablespaceRegistry spaces) {
    try {
      long slots = Math.min(SLOTS, file.size() / pageSize);
      Map<Long, byte[]> best = new HashMap<>();
      for (int i = 0; i < slots; i++) {
        byte[] img = new byte[pageSize];
        file.readFully(ByteBuffer.wrap(img), (long) i * pageSize);
        if (PageChecksum.isAllZero(img, 0, pageSize) || !PageChecksum.isValid(img, 0, pageSize)) {
          continue;
        }
        ByteBuffer h = ByteBuffer.wrap(img);
        long key =
            ((long) h.getInt(PageHeader.SPACE_ID) << 32)
                | (h.getInt(PageHeader.PAGE_NO) & 0xFFFFFFFFL);
        byte[] prev = best.get(key);
        if (prev == null || PageChecksum.pageLsn(prev) < PageChecksum.pageLsn(img)) {
          best.put(key, img);
        }
      }
      int repaired = 0;
      byte[] current = new byte[pageSize];
      for (byte[] img : best.values()) {
        ByteBuffer h = ByteBuffer.wrap(img);
        Tablespace t = spaces.get(h.getInt(PageHeader.SPACE_ID));
        if (t == null) {
          continue;
        }
        int pageNo = h.getInt(PageHeader.PAGE_NO);
        t.readPageUnverified(pageNo, current);
        if (t.verify(pageNo, current) != null) {
          LOG.warn("repairing torn page {} of {} from the doublewrite buffer", pageNo, t.path());
          t.writePage(pageNo, img);
          t.sync();
          repaired++;
        }
      }
      return repaired;
    } catch (IOException e) {
      throw IoFailures.wrap(file.path(), "repairing pages from", e);
    }
  }

  public void close() throws IOException {
    file.close();
  }
}
