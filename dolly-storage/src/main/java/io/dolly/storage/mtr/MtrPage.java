package io.dolly.storage.mtr;

import io.dolly.storage.buffer.Frame;
import io.dolly.storage.page.PageHandle;
import io.dolly.storage.page.PageHeader;
import io.dolly.storage.page.PageId;
import io.dolly.storage.redo.RedoRecordType;
import io.dolly.storage.redo.RedoRecordWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A page latched by a {@link LoggedMiniTransaction}. Writes change the frame at once and append a
 * physical redo record; the first write keeps a before-image so that a mini-transaction that fails
 * before commit (disk full while growing a file, say) leaves the page as it was. {@code getShort}
 * reads an unsigned 16-bit value; {@code putShort} writes the low 16 bits.
 */
final class MtrPage implements PageHandle {
  private final LoggedMiniTransaction mtr;
  private final RedoRecordWriter log;
  final Frame frame;
  final PageId id;
  final boolean writable;
  private final byte[] bytes;
  private final ByteBuffer buf;
  byte[] before;

  MtrPage(
      LoggedMiniTransaction mtr, RedoRecordWriter log, Frame frame, PageId id, boolean writable) {
    this.mtr = mtr;
    this.log = log;
    this.frame = frame;
    this.id = id;
    this.writable = writable;
    this.bytes = frame.bytes();
    this.buf = ByteBuffer.wrap(bytes);
  }

  boolean modified() {
    return before != null;
  }

  @Override
  public int spaceId() {
    return id.spaceId();
  }

  @Override
  public int pageNo() {
    return id.pageNo();
  }

  @Override
  public int pageSize() {
    return bytes.length;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  private void readable(int offset, int length) {
    mtr.checkOpen();
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException(
          "page " + id + ": [" + offset + ", " + (offset + length) + ") outside the page");
    }
  }

  private void prepareWrite(int offset, int length) {
    readable(offset, length);
    if (!writable) {
      throw new IllegalStateException("page " + id + " is latched shared; it cannot be written");
    }
    if (offset < PageHeader.BODY_START) {
      throw new IllegalArgumentException(
          "page " + id + ": offset " + offset + " is in the engine-owned page header");
    }
    if (before == null) {
      before = bytes.clone();
    }
  }

  @Override
  public byte getByte(int offset) {
    readable(offset, 1);
    return bytes[offset];
  }

  @Override
  public int getShort(int offset) {
    readable(offset, 2);
    return Short.toUnsignedInt(buf.getShort(offset));
  }

  @Override
  public int getInt(int offset) {
    readable(offset, 4);
    return buf.getInt(offset);
  }

  @Override
  public long getLong(int offset) {
    readable(offset, 8);
    return buf.getLong(offset);
  }

  @Override
  public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
    readable(offset, length);
    System.arraycopy(bytes, offset, dst, dstOffset, length);
  }

  @Override
  public void putByte(int offset, int value) {
    prepareWrite(offset, 1);
    bytes[offset] = (byte) value;
    logged(offset, 1);
  }

  @Override
  public void putShort(int offset, int value) {
    prepareWrite(offset, 2);
    buf.putShort(offset, (short) value);
    logged(offset, 2);
  }

  @Override
  public void putInt(int offset, int value) {
    prepareWrite(offset, 4);
    buf.putInt(offset, value);
    logged(offset, 4);
  }

  @Override
  public void putLong(int offset, long value) {
    prepareWrite(offset, 8);
    buf.putLong(offset, value);
    logged(offset, 8);
  }

  @Override
  public void putBytes(int offset, byte[] src, int srcOffset, int length) {
    prepareWrite(offset, length);
    System.arraycopy(src, srcOffset, bytes, offset, length);
    logged(offset, length);
  }

  @Override
  public void moveBytes(int srcOffset, int dstOffset, int length) {
    prepareWrite(dstOffset, length);
    readable(srcOffset, length);
    if (srcOffset < PageHeader.BODY_START) {
      throw new IllegalArgumentException("page " + id + ": move source in the page header");
    }
    System.arraycopy(bytes, srcOffset, bytes, dstOffset, length);
    if (length <= RedoRecordType.MAX_RUN) {
      log.move(id.spaceId(), id.pageNo(), srcOffset, dstOffset, length);
    } else {
      logged(dstOffset, length);
    }
  }

  @Override
  public void fill(int offset, int length, byte value) {
    prepareWrite(offset, length);
    Arrays.fill(bytes, offset, offset + length, value);
    log.fill(id.spaceId(), id.pageNo(), offset, length, value);
  }

  private void logged(int offset, int length) {
    log.write(id.spaceId(), id.pageNo(), offset, bytes, offset, length);
  }

  /** Re-initializes the page: zero body, header naming this page and {@code pageType}. */
  void init(int pageType) {
    prepareWrite(PageHeader.BODY_START, 0);
    Arrays.fill(bytes, (byte) 0);
    buf.putInt(PageHeader.SPACE_ID, id.spaceId());
    buf.putInt(PageHeader.PAGE_NO, id.pageNo());
    buf.putShort(PageHeader.PAGE_TYPE, (short) pageType);
    log.init(id.spaceId(), id.pageNo(), pageType);
  }

  void rollback() {
    if (before != null) {
      System.arraycopy(before, 0, bytes, 0, bytes.length);
      before = null;
    }
  }
}
