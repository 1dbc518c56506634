package io.dolly.storage.page;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The page checksum: CRC32C of bytes [4, pageSize) stored big-endian at {@link
 * PageHeader#CHECKSUM}. Written when a page leaves the buffer pool for disk, verified on every read
 * from disk. An all-zero page is valid: it is a page that was allocated but never written.
 */
public final class PageChecksum {
  private PageChecksum() {}

  public static int compute(byte[] page, int offset, int pageSize) {
    CRC32C crc = new CRC32C();
    crc.update(page, offset + 4, pageSize - 4);
    return (int) crc.getValue();
  }

  /** Stores the checksum into a page image about to be written. */
  public static void stamp(byte[] page, int offset, int pageSize) {
    ByteBuffer.wrap(page).putInt(offset + PageHeader.CHECKSUM, compute(page, offset, pageSize));
  }

  public static boolean isAllZero(byte[] page, int offset, int pageSize) {
    for (int i = offset; i < offset + pageSize; i++) {
      if (page[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** True when the stored checksum matches, or the page was never written. */
  public static boolean isValid(byte[] page, int offset, int pageSize) {
    int stored = ByteBuffer.wrap(page).getInt(offset + PageHeader.CHECKSUM);
    if (stored == compute(page, offset, pageSize)) {
      return true;
    }
    return isAllZero(page, offset, pageSize);
  }

  public static long pageLsn(byte[] page) {
    return ByteBuffer.wrap(page).getLong(PageHeader.PAGE_LSN);
  }
}
