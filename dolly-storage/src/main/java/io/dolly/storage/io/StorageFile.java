package io.dolly.storage.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One open file of the engine (tablespace, redo file, doublewrite, checkpoint). Positional reads
 * and writes only, like {@link java.nio.channels.FileChannel}: single calls may transfer fewer
 * bytes than asked, the {@code *Fully} defaults loop.
 */
public interface StorageFile extends Closeable {
  Path path();

  /** Reads into {@code dst} at {@code position}; returns bytes read or -1 at end of file. */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes from {@code src} at {@code position}; may write fewer bytes than remain. */
  int write(ByteBuffer src, long position) throws IOException;

  /** Makes every completed write durable (fsync). */
  void force() throws IOException;

  long size() throws IOException;

  /** Shrinks the file to {@code size} bytes (never grows it). */
  void truncate(long size) throws IOException;

  /**
   * Fills {@code dst} from {@code position}; bytes beyond the end of file read as zero (a page
   * never written is a zero page). Returns how many bytes came from the file.
   */
  default int readFully(ByteBuffer dst, long position) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      int n = read(dst, position + total);
      if (n < 0) {
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        break;
      }
      total += n;
    }
    return total;
  }

  /** Writes every remaining byte of {@code src}, looping over short writes. */
  default void writeFully(ByteBuffer src, long position) throws IOException {
    long pos = position;
    while (src.hasRemaining()) {
      pos += write(src, pos);
    }
  }
}
