package io.dolly.storage.space;

import io.dolly.storage.InstanceId;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageType;
import java.nio.ByteBuffer;

/**
 * Page 0 of every tablespace. Body layout (big-endian, after the common {@link PageHeader}):
 *
 * <pre>
 * offset size field
 *     32    4 magic          "DSPC"
 *     36    4 format version {@link #VERSION}
 *     40   16 instance id    of the data directory that created the file
 *     56    4 space id       (repeats the page header, checked on open)
 *     60    4 page size      innodb_page_size, fixed at initialization
 *     64    4 size           pages the file has been grown to (by extents)
 *     68    4 high water     first page never handed out; pages [high water, size) are unused
 *     72    4 free head      first page of the free list, or NULL_PAGE
 *     76    4 free count     pages on the free list
 * </pre>
 *
 * A free page is typed {@link PageType#FREE} and holds the next free page at {@link #FREE_NEXT}.
 * Everything but the magic/version/identity fields changes through mini-transactions (redo-logged).
 */
public final class SpaceHeader {
  public static final int MAGIC = 0x44535043; // "DSPC"
  public static final int VERSION = 1;

  public static final int MAGIC_OFFSET = PageHeader.BODY_START;
  public static final int VERSION_OFFSET = 36;
  public static final int INSTANCE_ID = 40;
  public static final int SPACE_ID = 56;
  public static final int PAGE_SIZE = 60;
  public static final int SIZE = 64;
  public static final int HIGH_WATER = 68;
  public static final int FREE_HEAD = 72;
  public static final int FREE_COUNT = 76;

  /** In a {@link PageType#FREE} page: the next free page or NULL_PAGE. */
  public static final int FREE_NEXT = PageHeader.BODY_START;

  /** Pages of a new file: the first extent is small so that empty tables stay small. */
  public static final int INITIAL_PAGES = 4;

  private SpaceHeader() {}

  /** Pages per extent: 1 MiB worth, i.e. 64 pages of 16 KiB, as in InnoDB. */
  public static int extentPages(int pageSize) {
    return Math.max(1, (1 << 20) / pageSize);
  }

  /** Size after growing a full file by one step. */
  public static int grownSize(int size, int pageSize) {
    int extent = extentPages(pageSize);
    if (size < extent) {
      return extent;
    }
    return size + extent;
  }

  /** The image of page 0 of a new tablespace. */
  public static byte[] initialImage(int spaceId, int pageSize, InstanceId instance) {
    byte[] page = new byte[pageSize];
    ByteBuffer b = ByteBuffer.wrap(page);
    b.putInt(PageHeader.SPACE_ID, spaceId);
    b.putInt(PageHeader.PAGE_NO, 0);
    b.putShort(PageHeader.PAGE_TYPE, (short) PageType.SPACE_HEADER);
    b.putInt(MAGIC_OFFSET, MAGIC);
    b.putInt(VERSION_OFFSET, VERSION);
    instance.write(b, INSTANCE_ID);
    b.putInt(SPACE_ID, spaceId);
    b.putInt(PAGE_SIZE, pageSize);
    b.putInt(SIZE, INITIAL_PAGES);
    b.putInt(HIGH_WATER, 1);
    b.putInt(FREE_HEAD, PageHeader.NULL_PAGE);
    b.putInt(FREE_COUNT, 0);
    return page;
  }
}
