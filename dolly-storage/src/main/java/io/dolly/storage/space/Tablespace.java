package io.dolly.storage.space;

import io.dolly.storage.FileFormat;
import io.dolly.storage.InstanceId;
import io.dolly.storage.PageCorruptedException;
import io.dolly.storage.StorageException;
import io.dolly.storage.io.IoFailures;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageHeader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One tablespace file: page {@code n} lives at byte {@code n * pageSize}. Page 0 is the {@link
 * SpaceHeader}. Reads verify checksums and page identity; writes take already-stamped images.
 */
public final class Tablespace implements Closeable {
  private final StorageFile file;
  private final String name;
  private final int spaceId;
  private final int pageSize;

  private Tablespace(StorageFile file, String name, int spaceId, int pageSize) {
    this.file = file;
    this.name = name;
    this.spaceId = spaceId;
    this.pageSize = pageSize;
  }

  /** Creates the file with its header page and makes it durable (file and directory entry). */
  public static Tablespace create(
      StorageFileSystem fs,
      Path path,
      String name,
      int spaceId,
      int pageSize,
      InstanceId instance) {
    try {
      // Written under a temporary name and renamed once durable: a crash mid-creation leaves a
      // stray ".tmp" (ignored by discovery), never a half-written tablespace that blocks startup.
      fs.createDirectories(path.getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      fs.delete(tmp);
      byte[] header = SpaceHeader.initialImage(spaceId, pageSize, instance);
      PageChecksum.stamp(header, 0, pageSize);
      try (StorageFile f = fs.create(tmp)) {
        f.writeFully(ByteBuffer.wrap(header), 0);
        f.writeFully(
            ByteBuffer.allocate((SpaceHeader.INITIAL_PAGES - 1) * pageSize), (long) pageSize);
        f.force();
      }
      fs.rename(tmp, path);
      fs.syncDirectory(path.getParent());
      return new Tablespace(fs.open(path), name, spaceId, pageSize);
    } catch (IOException e) {
      throw IoFailures.wrap(path, "creating tablespace", e);
    }
  }

  /** Opens an existing file, checking its header against this instance. */
  public static Tablespace open(
      StorageFileSystem fs, Path path, String name, int pageSize, InstanceId instance) {
    try {
      StorageFile f = fs.open(path);
      byte[] header = new byte[pageSize];
      f.readFully(ByteBuffer.wrap(header), 0);
      ByteBuffer b = ByteBuffer.wrap(header);
      if (!PageChecksum.isValid(header, 0, pageSize) || PageChecksum.isAllZero(header, 0, 16)) {
        // Page 0 is written (and fsynced) before the file is ever used, so this is damage.
        f.close();
        throw new PageCorruptedException(
            path, 0, b.getLong(PageHeader.PAGE_LSN), "space header checksum mismatch");
      }
      FileFormat.check(
          path,
          "tablespace",
          b.getInt(SpaceHeader.MAGIC_OFFSET),
          SpaceHeader.MAGIC,
          b.getInt(SpaceHeader.VERSION_OFFSET),
          SpaceHeader.VERSION,
          InstanceId.read(b, SpaceHeader.INSTANCE_ID),
          instance);
      int filePageSize = b.getInt(SpaceHeader.PAGE_SIZE);
      if (filePageSize != pageSize) {
        f.close();
        throw new StorageException(
            path + " has page size " + filePageSize + ", the instance uses " + pageSize);
      }
      return new Tablespace(f, name, b.getInt(SpaceHeader.SPACE_ID), pageSize);
    } catch (IOException e) {
      throw IoFailures.wrap(path, "opening tablespace", e);
    }
  }

  public int spaceId() {
    return spaceId;
  }

  /** Path relative to the data directory, e.g. {@code test/t1.ibd}. */
  public String name() {
    return name;
  }

  public Path path() {
    return file.path();
  }

  public int pageSize() {
    return pageSize;
  }

  /** The file handle, for clone's bulk copy (positional reads only). */
  public StorageFile file() {
    return file;
  }

  /**
   * Reads page {@code pageNo} into {@code dst} and verifies it; a page beyond the end of the file
   * reads as zeros (never written). Throws {@link PageCorruptedException} on a bad page.
   */
  public void readPage(int pageNo, byte[] dst) {
    readPageUnverified(pageNo, dst);
    String problem = verify(pageNo, dst);
    if (problem != null) {
      throw new PageCorruptedException(path(), pageNo, PageChecksum.pageLsn(dst), problem);
    }
  }

  /** Reads without verification (doublewrite repair, inspection). */
  public void readPageUnverified(int pageNo, byte[] dst) {
    try {
      file.readFully(ByteBuffer.wrap(dst, 0, pageSize), (long) pageNo * pageSize);
    } catch (IOException e) {
      throw IoFailures.wrap(path(), "reading page " + pageNo + " of", e);
    }
  }

  /** Null when the image is a valid image of this page, else what is wrong with it. */
  public String verify(int pageNo, byte[] page) {
    if (PageChecksum.isAllZero(page, 0, pageSize)) {
      return null;
    }
    if (!PageChecksum.isValid(page, 0, pageSize)) {
      return "checksum mismatch";
    }
    ByteBuffer b = ByteBuffer.wrap(page);
    if (b.getInt(PageHeader.SPACE_ID) != spaceId || b.getInt(PageHeader.PAGE_NO) != pageNo) {
      return "page header names ("
          + b.getInt(PageHeader.SPACE_ID)
          + ":"
          + b.getInt(PageHeader.PAGE_NO)
          + ")";
    }
    return null;
  }

  /** Writes a page image whose checksum is already stamped. Not durable until {@link #sync()}. */
  public void writePage(int pageNo, byte[] src) throws IOException {
    file.writeFully(ByteBuffer.wrap(src, 0, pageSize), (long) pageNo * pageSize);
  }

  public void sync() throws IOException {
    file.force();
  }

  public long sizeInBytes() {
    try {
      return file.size();
    } catch (IOException e) {
      throw IoFailures.wrap(path(), "sizing", e);
    }
  }

  /**
   * Physically grows the file to {@code pages} pages by writing zeros, so that ENOSPC surfaces here
   * (as {@link io.dolly.storage.StorageFullException}) rather than later when a page is flushed.
   */
  public void extendTo(int pages) {
    try {
      long target = (long) pages * pageSize;
      long pos = file.size();
      ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
      while (pos < target) {
        zeros.clear();
        zeros.limit((int) Math.min(zeros.capacity(), target - pos));
        file.writeFully(zeros, pos);
        pos += zeros.limit();
      }
    } catch (IOException e) {
      throw IoFailures.wrap(path(), "extending", e);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
