package io.dolly.storage.page;

import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline page inspection for the {@code dolly inspect} tool: dump headers, verify a whole file.
 */
public final class PageInspector {
  /** One damaged page found by {@link #verifyFile}. */
  public record Problem(Path file, int pageNo, long pageLsn, String detail) {
    @Override
    public String toString() {
      return file + " page " + pageNo + " (page LSN " + pageLsn + "): " + detail;
    }
  }

  private PageInspector() {}

  /** One line describing a page's header. */
  public static String describe(byte[] page) {
    ByteBuffer b = ByteBuffer.wrap(page);
    if (PageChecksum.isAllZero(page, 0, page.length)) {
      return "never written (all zero)";
    }
    return String.format(
        "space %d page %d type %d lsn %d checksum %08x (%s)",
        b.getInt(PageHeader.SPACE_ID),
        b.getInt(PageHeader.PAGE_NO),
        Short.toUnsignedInt(b.getShort(PageHeader.PAGE_TYPE)),
        b.getLong(PageHeader.PAGE_LSN),
        b.getInt(PageHeader.CHECKSUM),
        PageChecksum.isValid(page, 0, page.length) ? "ok" : "MISMATCH");
  }

  /** Checks every page of a tablespace file: checksum and that the header names the page. */
  public static List<Problem> verifyFile(StorageFileSystem fs, Path file, int pageSize)
      throws IOException {
    List<Problem> problems = new ArrayList<>();
    try (StorageFile f = fs.open(file)) {
      long pages = f.size() / pageSize;
      byte[] page = new byte[pageSize];
      int spaceId = -1;
      for (int n = 0; n < pages; n++) {
        f.readFully(ByteBuffer.wrap(page), (long) n * pageSize);
        if (PageChecksum.isAllZero(page, 0, pageSize)) {
          continue;
        }
        ByteBuffer b = ByteBuffer.wrap(page);
        long lsn = b.getLong(PageHeader.PAGE_LSN);
        if (!PageChecksum.isValid(page, 0, pageSize)) {
          problems.add(new Problem(file, n, lsn, "checksum mismatch"));
          continue;
        }
        if (n == 0) {
          spaceId = b.getInt(PageHeader.SPACE_ID);
        }
        if (b.getInt(PageHeader.PAGE_NO) != n || b.getInt(PageHeader.SPACE_ID) != spaceId) {
          problems.add(
              new Problem(
                  file,
                  n,
                  lsn,
                  "header names page "
                      + b.getInt(PageHeader.PAGE_NO)
                      + " of space "
                      + b.getInt(PageHeader.SPACE_ID)));
        }
      }
    }
    return problems;
  }
}
