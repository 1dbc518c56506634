package io.dolly.storage.redo;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The frame of one mini-transaction in the redo stream. LSN is the byte position in the logical
 * stream, so a group starting at LSN s ends at s + {@link #OVERHEAD} + length.
 *
 * <pre>
 * offset     size field
 *      0        4 length   bytes of records (&gt; 0)
 *      4        4 crc      CRC32C of length, records and end LSN
 *      8   length records
 * 8+length      8 end LSN  start LSN + 16 + length (detects stale bytes of an older stream)
 * </pre>
 *
 * Recovery applies a group only if it is complete and its CRC and end LSN match: a torn or
 * partially written group is the end of the log.
 */
public final class RedoGroup {
  public static final int OVERHEAD = 16;
  public static final int MAX_LENGTH = 256 << 20;

  private RedoGroup() {}

  public static int frameLength(int bodyLength) {
    return OVERHEAD + bodyLength;
  }

  /** Writes the frame of {@code body} starting at LSN {@code startLsn} into {@code out}. */
  public static void encode(ByteBuffer body, long startLsn, ByteBuffer out) {
    int n = body.remaining();
    long end = startLsn + OVERHEAD + n;
    int at = out.position();
    out.putInt(n);
    out.putInt(0);
    out.put(body.duplicate());
    out.putLong(end);
    CRC32C crc = new CRC32C();
    crc.update(out.duplicate().position(at).limit(at + 4));
    crc.update(out.duplicate().position(at + 8).limit(at + 8 + n + 8));
    out.putInt(at + 4, (int) crc.getValue());
  }

  /**
   * Checks a candidate frame at {@code frame.position()} for start LSN {@code startLsn}; returns
   * the body length if the frame is complete and valid, else -1.
   */
  public static int validate(ByteBuffer frame, long startLsn) {
    int at = frame.position();
    if (frame.remaining() < OVERHEAD) {
      return -1;
    }
    int n = frame.getInt(at);
    if (n <= 0 || n > MAX_LENGTH || frame.remaining() < OVERHEAD + (long) n) {
      return -1;
    }
    if (frame.getLong(at + 8 + n) != startLsn + OVERHEAD + n) {
      return -1;
    }
    CRC32C crc = new CRC32C();
    crc.update(frame.duplicate().position(at).limit(at + 4));
    crc.update(frame.duplicate().position(at + 8).limit(at + 8 + n + 8));
    return (int) crc.getValue() == frame.getInt(at + 4) ? n : -1;
  }

  /** The length field of a candidate frame (to know how many bytes to read), or -1. */
  public static int peekLength(ByteBuffer frame) {
    if (frame.remaining() < 4) {
      return -1;
    }
    int n = frame.getInt(frame.position());
    return n <= 0 || n > MAX_LENGTH ? -1 : n;
  }
}
