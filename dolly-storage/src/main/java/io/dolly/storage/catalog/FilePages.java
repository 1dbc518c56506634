package io.dolly.storage.catalog;

import io.dolly.storage.PageCorruptedException;
import io.dolly.storage.btree.MiniTransactionFactory;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageChecksum;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.space.SpaceHeader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages read straight from the tablespace files of a stopped data directory, never written: the
 * B-tree code runs on them unchanged for offline checks. Mini-transactions hand out read-only
 * copies (a write latch is only a latch here; writing throws). Every page read is
 * checksum-verified.
 */
final class FilePages implements MiniTransactionFactory, Closeable {
  private final Map<Integer, StorageFile> files = new HashMap<>();
  private final Map<Integer, Path> paths = new HashMap<>();
  private int pageSize;

  FilePages(StorageFileSystem fs, List<Path> tablespaces) throws IOException {
    for (Path p : tablespaces) {
      StorageFile f = fs.open(p);
      ByteBuffer header = ByteBuffer.allocate(SpaceHeader.PAGE_SIZE + 4);
      f.readFully(header, 0);
      int spaceId = header.getInt(SpaceHeader.SPACE_ID);
      pageSize = header.getInt(SpaceHeader.PAGE_SIZE);
      files.put(spaceId, f);
      paths.put(spaceId, p);
    }
  }

  Path path(int spaceId) {
    return paths.get(spaceId);
  }

  boolean has(int spaceId) {
    return files.containsKey(spaceId);
  }

  @Override
  public MiniTransaction begin() {
    return new ReadOnlyMtr();
  }

  private PageHandle read(int spaceId, int pageNo) {
    StorageFile f = files.get(spaceId);
    if (f == null) {
      throw new IllegalStateException("no tablespace file with space id " + spaceId);
    }
    byte[] page = new byte[pageSize];
    try {
      f.readFully(ByteBuffer.wrap(page), (long) pageNo * pageSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!PageChecksum.isAllZero(page, 0, pageSize) && !PageChecksum.isValid(page, 0, pageSize)) {
      throw new PageCorruptedException(
          paths.get(spaceId), pageNo, PageChecksum.pageLsn(page), "checksum mismatch");
    }
    return new ReadOnlyPage(spaceId, pageNo, ByteBuffer.wrap(page));
  }

  @Override
  public void close() throws IOException {
    for (StorageFile f : files.values()) {
      f.close();
    }
  }

  private final class ReadOnlyMtr implements MiniTransaction {
    @Override
    public PageHandle readPage(int spaceId, int pageNo) {
      return read(spaceId, pageNo);
    }

    @Override
    public PageHandle writePage(int spaceId, int pageNo) {
      return read(spaceId, pageNo);
    }

    @Override
    public PageHandle allocatePage(int spaceId, int pageType) {
      throw new UnsupportedOperationException("read-only pages");
    }

    @Override
    public void freePage(int spaceId, int pageNo) {
      throw new UnsupportedOperationException("read-only pages");
    }

    @Override
    public void commit() {}

    @Override
    public void close() {}
  }

  private record ReadOnlyPage(int spaceId, int pageNo, ByteBuffer buf) implements PageHandle {
    @Override
    public int pageSize() {
      return buf.capacity();
    }

    @Override
    public boolean writable() {
      return false;
    }

    @Override
    public byte getByte(int offset) {
      return buf.get(offset);
    }

    @Override
    public int getShort(int offset) {
      return Short.toUnsignedInt(buf.getShort(offset));
    }

    @Override
    public int getInt(int offset) {
      return buf.getInt(offset);
    }

    @Override
    public long getLong(int offset) {
      return buf.getLong(offset);
    }

    @Override
    public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
      buf.get(offset, dst, dstOffset, length);
    }

    @Override
    public void putByte(int offset, int value) {
      throw readOnly();
    }

    @Override
    public void putShort(int offset, int value) {
      throw readOnly();
    }

    @Override
    public void putInt(int offset, int value) {
      throw readOnly();
    }

    @Override
    public void putLong(int offset, long value) {
      throw readOnly();
    }

    @Override
    public void putBytes(int offset, byte[] src, int srcOffset, int length) {
      throw readOnly();
    }

    @Override
    public void moveBytes(int srcOffset, int dstOffset, int length) {
      throw readOnly();
    }

    @Override
    public void fill(int offset, int length, byte value) {
      throw readOnly();
    }

    private UnsupportedOperationException readOnly() {
      return new UnsupportedOperationException(
          "page " + spaceId + ":" + pageNo + " is read-only here");
    }
  }
}
