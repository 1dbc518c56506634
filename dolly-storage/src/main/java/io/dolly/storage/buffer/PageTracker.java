package io.dolly.storage.buffer;

import io.dolly.storage.page.PageId;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every page dirtied while active, seeded with the pages already dirty when it started
 * (clone's FILE COPY stage: such pages may reach the files torn or stale, so they are re-sent).
 */
public final class PageTracker {
  private final Set<PageId> pages = ConcurrentHashMap.newKeySet();
  private final Runnable onStop;
  private final long startLsn;
  private volatile boolean active = true;

  PageTracker(long startLsn, Runnable onStop) {
    this.startLsn = startLsn;
    this.onStop = onStop;
  }

  void record(PageId id) {
    if (active) {
      pages.add(id);
    }
  }

  /** LSN when tracking started. */
  public long startLsn() {
    return startLsn;
  }

  public boolean active() {
    return active;
  }

  /**
   * Stops tracking and returns every page recorded, sorted by space and page number. Before it
   * stops, it waits for mini-transactions whose redo starts below the current LSN to finish
   * dirtying their pages, so every change below an LSN noted before this call is either recorded
   * here or (for later changes) in the redo from that LSN on.
   */
  public Set<PageId> stop() {
    onStop.run();
    active = false;
    Set<PageId> out =
        new TreeSet<>(
            (a, b) ->
                a.spaceId() != b.spaceId()
                    ? Integer.compare(a.spaceId(), b.spaceId())
                    : Integer.compareUnsigned(a.pageNo(), b.pageNo()));
    out.addAll(pages);
    return out;
  }
}
