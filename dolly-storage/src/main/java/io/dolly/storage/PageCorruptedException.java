package io.dolly.storage;

import java.nio.file.Path;

/** A page read from disk failed its checksum or names another page, and could not be repaired. */
public final class PageCorruptedException extends StorageException {
  private final Path file;
  private final int pageNo;
  private final long pageLsn;

  public PageCorruptedException(Path file, int pageNo, long pageLsn, String detail) {
    super("page " + pageNo + " of " + file + " is corrupted (page LSN " + pageLsn + "): " + detail);
    this.file = file;
    this.pageNo = pageNo;
    this.pageLsn = pageLsn;
  }

  public Path file() {
    return file;
  }

  public int pageNo() {
    return pageNo;
  }

  public long pageLsn() {
    return pageLsn;
  }
}
