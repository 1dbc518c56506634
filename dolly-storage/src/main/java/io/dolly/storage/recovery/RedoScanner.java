package io.dolly.storage.recovery;

import io.dolly.storage.redo.RedoFileSet;
import io.dolly.storage.redo.RedoGroup;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the redo stream group by group from an LSN, stopping at the first group that is missing,
 * incomplete, or fails its CRC or end-LSN check: that is the end of the log.
 */
final class RedoScanner {
  private final RedoFileSet files;
  private ByteBuffer window = ByteBuffer.allocate(1 << 22);
  private long windowLsn;
  private long lsn;

  RedoScanner(RedoFileSet files, long fromLsn) {
    this.files = files;
    this.lsn = fromLsn;
    this.windowLsn = fromLsn;
    window.limit(0);
  }

  long lsn() {
    return lsn;
  }

  /** Body of the next valid group (positioned view), or null at the end of the log. */
  ByteBuffer next() throws IOException {
    if (!fill(4)) {
      return null;
    }
    ByteBuffer at = window.duplicate().position((int) (lsn - windowLsn));
    int n = RedoGroup.peekLength(at);
    if (n < 0 || !fill(RedoGroup.OVERHEAD + n)) {
      return null;
    }
    at = window.duplicate().position((int) (lsn - windowLsn));
    if (RedoGroup.validate(at, lsn) < 0) {
      return null;
    }
    ByteBuffer body = at.slice(at.position() + 8, n);
    lsn += RedoGroup.OVERHEAD + n;
    return body;
  }

  /** Makes {@code need} bytes from {@link #lsn} available in the window; false if the log ends. */
  private boolean fill(int need) throws IOException {
    long have = windowLsn + window.limit() - lsn;
    if (have >= need) {
      return true;
    }
    int keep = (int) Math.max(0, have);
    ByteBuffer next = window;
    if (need > window.capacity()) {
      next = ByteBuffer.allocate(need);
    }
    ByteBuffer rest = window.duplicate().position((int) (lsn - windowLsn)).limit(window.limit());
    ByteBuffer copy = ByteBuffer.allocate(keep);
    copy.put(rest).flip();
    next.clear();
    next.put(copy);
    int got = files.read(lsn + keep, next);
    next.flip();
    window = next;
    windowLsn = lsn;
    return keep + got >= need;
  }
}
