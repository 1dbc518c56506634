package io.dolly.storage.redo;

import io.dolly.storage.page.PageId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Offline redo inspection for the {@code dolly inspect} tool: one line per group in a range. */
public final class RedoInspector {
  /** One group: where it is, how big, which pages it changes and which extension types it has. */
  public record GroupSummary(
      long startLsn, long endLsn, int records, Set<PageId> pages, List<Integer> extensions) {}

  private RedoInspector() {}

  /**
   * Summarizes up to {@code maxGroups} groups from {@code fromLsn}, stopping at the end of the
   * valid log (the same rule recovery uses).
   */
  public static List<GroupSummary> summarize(
      RedoFileSet files, long fromLsn, int pageSize, int maxGroups) throws IOException {
    List<GroupSummary> out = new ArrayList<>();
    long lsn = fromLsn;
    ByteBuffer head = ByteBuffer.allocate(4);
    while (out.size() < maxGroups) {
      head.clear();
      if (files.read(lsn, head) < 4) {
        break;
      }
      head.flip();
      int n = RedoGroup.peekLength(head);
      if (n < 0) {
        break;
      }
      ByteBuffer frame = ByteBuffer.allocate(RedoGroup.OVERHEAD + n);
      if (files.read(lsn, frame) < frame.capacity()) {
        break;
      }
      frame.flip();
      if (RedoGroup.validate(frame, lsn) < 0) {
        break;
      }
      Set<PageId> pages = new LinkedHashSet<>();
      List<Integer> ext = new ArrayList<>();
      int[] count = new int[1];
      RedoRecordReader.read(
          frame.slice(8, n),
          pageSize,
          new RedoRecordVisitor() {
            private void page(int s, int p) {
              count[0]++;
              pages.add(new PageId(s, p));
            }

            @Override
            public void write(int s, int p, int offset, ByteBuffer bytes) {
              page(s, p);
            }

            @Override
            public void fill(int s, int p, int offset, int length, byte value) {
              page(s, p);
            }

            @Override
            public void move(int s, int p, int src, int dst, int length) {
              page(s, p);
            }

            @Override
            public void init(int s, int p, int pageType) {
              page(s, p);
            }

            @Override
            public void image(int s, int p, ByteBuffer page) {
              page(s, p);
            }

            @Override
            public void extension(int type, ByteBuffer payload) {
              count[0]++;
              ext.add(type);
            }
          });
      long end = lsn + RedoGroup.OVERHEAD + n;
      out.add(new GroupSummary(lsn, end, count[0], pages, ext));
      lsn = end;
    }
    return out;
  }
}
