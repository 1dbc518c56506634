package io.dolly.storage.buffer;

import io.dolly.storage.page.PageId;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One buffer pool frame: a page-sized byte array, its latch and its bookkeeping. Identity and pin
 * count are guarded by the pool lock; modification LSNs by the flush list lock. The page bytes are
 * guarded by the latch (shared to read, exclusive to write).
 */
public final class Frame {
  final int index;
  final byte[] bytes;
  final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();

  volatile PageId id;
  int pins;
  boolean referenced;

  /** Start LSN of the first change not yet on disk; 0 when clean. */
  volatile long oldestModification;

  /** End LSN of the last change (= page LSN). */
  volatile long newestModification;

  boolean copyTaken;
  long modifiedSinceCopy;

  Frame(int index, int pageSize) {
    this.index = index;
    this.bytes = new byte[pageSize];
  }

  /** The page bytes; only while holding the latch. */
  public byte[] bytes() {
    return bytes;
  }

  public PageId id() {
    return id;
  }

  public boolean dirty() {
    return oldestModification != 0;
  }
}
