package io.dolly.storage.txn;

import io.dolly.storage.StorageException;
import io.dolly.storage.mtr.MiniTransaction;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import io.dolly.storage.space.SpaceHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Page 1 of an undo tablespace: the persistent list of undo logs not yet purged (active or
 * committed-but-unpurged transactions), which recovery walks after redo replay, and the high-water
 * mark of transaction ids. Layout:
 *
 * <pre>
 * offset size field
 *     32    4 magic          "DRSG"
 *     36    8 trx id limit   ids below it may have been used (space 1 only): the next start
 *     44    2 slot count     how many slots follow
 *     64  4*n slots          first page of an undo log, or NULL_PAGE when free
 * </pre>
 *
 * <p>Latch order: a mini-transaction that allocates undo pages latches the space header (page 0)
 * before this page; everything else that latches this page takes page 0 first too, or not at all.
 */
final class RollbackSegment {
  static final int PAGE_NO = 1;
  static final int MAGIC = 0x44525347; // "DRSG"
  static final int MAGIC_OFFSET = PageHeader.BODY_START;
  static final int TRX_ID_LIMIT = 36;
  static final int SLOT_COUNT = 44;
  static final int SLOTS = 64;

  private final int spaceId;

  RollbackSegment(int spaceId) {
    this.spaceId = spaceId;
  }

  int spaceId() {
    return spaceId;
  }

  /** Allocates and formats page 1 of a fresh undo tablespace (see {@link #exists}). */
  void create(MiniTransaction mtr) {
    PageHandle page = mtr.allocatePage(spaceId, PageType.ROLLBACK_SEGMENT);
    if (page.pageNo() != PAGE_NO) {
      throw new StorageException(
          "undo tablespace " + spaceId + ": rollback segment allocated at page " + page.pageNo());
    }
    int slots = (page.pageSize() - SLOTS) / 4;
    page.putInt(MAGIC_OFFSET, MAGIC);
    page.putLong(TRX_ID_LIMIT, 1);
    page.putShort(SLOT_COUNT, slots);
    page.fill(SLOTS, slots * 4, (byte) 0xFF);
  }

  /** True when page 1 exists; it must then be a rollback segment. */
  static boolean exists(MiniTransaction mtr, int spaceId) {
    if (mtr.readPage(spaceId, 0).getInt(SpaceHeader.HIGH_WATER) <= PAGE_NO) {
      return false;
    }
    if (mtr.readPage(spaceId, PAGE_NO).getInt(MAGIC_OFFSET) != MAGIC) {
      throw new StorageException(
          "undo tablespace " + spaceId + ": page " + PAGE_NO + " is not a rollback segment");
    }
    return true;
  }

  long trxIdLimit(MiniTransaction mtr) {
    return mtr.readPage(spaceId, PAGE_NO).getLong(TRX_ID_LIMIT);
  }

  void trxIdLimit(MiniTransaction mtr, long limit) {
    mtr.writePage(spaceId, PAGE_NO).putLong(TRX_ID_LIMIT, limit);
  }

  /** Records {@code firstPage} in a free slot; returns the slot. */
  int register(MiniTransaction mtr, int firstPage) {
    PageHandle page = mtr.writePage(spaceId, PAGE_NO);
    int count = page.getShort(SLOT_COUNT);
    for (int i = 0; i < count; i++) {
      if (page.getInt(SLOTS + 4 * i) == PageHeader.NULL_PAGE) {
        page.putInt(SLOTS + 4 * i, firstPage);
        return i;
      }
    }
    throw new StorageException(
        "undo tablespace " + spaceId + ": all " + count + " rollback segment slots are in use");
  }

  void unregister(MiniTransaction mtr, int slot) {
    mtr.writePage(spaceId, PAGE_NO).putInt(SLOTS + 4 * slot, PageHeader.NULL_PAGE);
  }

  /** First pages of every registered undo log. */
  List<Integer> logs(MiniTransaction mtr) {
    PageHandle page = mtr.readPage(spaceId, PAGE_NO);
    int count = page.getShort(SLOT_COUNT);
    List<Integer> firstPages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int p = page.getInt(SLOTS + 4 * i);
      if (p != PageHeader.NULL_PAGE) {
        firstPages.add(p);
      }
    }
    return firstPages;
  }
}
