package io.dolly.storage.redo;

import io.dolly.storage.FileFormat;
import io.dolly.storage.InstanceId;
import io.dolly.storage.StorageException;
import io.dolly.storage.io.IoFailures;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered redo files {@code #ib_redo<N>} that hold the logical redo stream. File N holds the
 * LSNs [start, start + capacity) at byte offset {@link #HEADER_SIZE} + (lsn - start); file N+1
 * starts where N ends. Retention for clone is therefore just "do not delete a file yet".
 *
 * <p>Files are created at their full size ({@link #HEADER_SIZE} + capacity, zero-filled and
 * fsynced, as InnoDB creates its redo files), and the next file is created ahead, once the newest
 * one is half written. So a full disk is met while creating a file, never by a write in the middle
 * of the log; a failed spare is retried and warned about, and if the log reaches its end first,
 * {@link RedoLog} waits for space. A commit fails on a full disk only when the tablespace it grows
 * cannot be extended ({@link io.dolly.storage.StorageFullException}); nothing halts the engine.
 * Zero bytes end the log for recovery (a group's length is never 0).
 *
 * <p>Header block of each file (big-endian):
 *
 * <pre>
 * offset size field
 *      0    4 magic        "DRED"
 *      4    4 version      {@link #VERSION}
 *      8   16 instance id
 *     24    8 file number  N
 *     32    8 start LSN
 *     40    8 capacity     bytes of redo the file holds
 *     48    4 CRC32C of [0, 48)
 * </pre>
 */
public final class RedoFileSet {
  public static final int HEADER_SIZE = 512;
  public static final int MAGIC = 0x44524544; // "DRED"
  public static final int VERSION = 1;
  public static final String PREFIX = "#ib_redo";

  private static final Logger LOG = LoggerFactory.getLogger(RedoFileSet.class);

  private static final int H_INSTANCE = 8;
  private static final int H_NUMBER = 24;
  private static final int H_START = 32;
  private static final int H_CAPACITY = 40;
  private static final int H_CRC = 48;

  /** One redo file as clone lists it. */
  public record RedoFileInfo(long number, long startLsn, long endLsn, Path path) {}

  private record RedoFile(long number, long startLsn, long capacity, StorageFile file) {
    long endLsn() {
      return startLsn + capacity;
    }
  }

  private final StorageFileSystem fs;
  private final Path dir;
  private final InstanceId instance;
  private final long capacity;
  private final TreeMap<Long, RedoFile> byStart = new TreeMap<>();
  private final Set<RedoFile> unsynced = new HashSet<>();
  private long spareRetryAfterNanos;

  private RedoFileSet(StorageFileSystem fs, Path dir, InstanceId instance, long capacity) {
    this.fs = fs;
    this.dir = dir;
    this.instance = instance;
    this.capacity = capacity;
  }

  /** Creates the first file of a new instance. */
  public static RedoFileSet create(
      StorageFileSystem fs, Path dir, InstanceId instance, long fileCapacity, long firstLsn) {
    RedoFileSet set = new RedoFileSet(fs, dir, instance, fileCapacity);
    try {
      fs.createDirectories(dir);
      set.createFile(1, firstLsn);
    } catch (IOException e) {
      throw IoFailures.wrap(dir, "creating redo log in", e);
    }
    return set;
  }

  /** Opens every {@code #ib_redo<N>} of {@code dir}, checking headers and continuity. */
  public static RedoFileSet open(StorageFileSystem fs, Path dir, InstanceId instance) {
    try {
      TreeMap<Long, RedoFile> found = new TreeMap<>();
      for (Path p : fs.list(dir)) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.substring(PREFIX.length()).matches("\\d+")) {
          continue;
        }
        StorageFile f = fs.open(p);
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE);
        f.readFully(h, 0);
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, H_CRC);
        if ((int) crc.getValue() != h.getInt(H_CRC)) {
          f.close();
          // A header is fsynced with its file's creation; a bad one is a file whose creation
          // never completed (power loss), which can only be the newest: ignore it.
          fs.delete(p);
          continue;
        }
        FileFormat.check(
            p,
            "redo",
            h.getInt(0),
            MAGIC,
            h.getInt(4),
            VERSION,
            InstanceId.read(h, H_INSTANCE),
            instance);
        RedoFile rf =
            new RedoFile(h.getLong(H_NUMBER), h.getLong(H_START), h.getLong(H_CAPACITY), f);
        found.put(rf.startLsn, rf);
      }
      if (found.isEmpty()) {
        throw new StorageException("no redo files in " + dir);
      }
      RedoFileSet set = new RedoFileSet(fs, dir, instance, found.lastEntry().getValue().capacity);
      set.byStart.putAll(found);
      RedoFile prev = null;
      for (RedoFile rf : found.values()) {
        if (prev != null && prev.endLsn() != rf.startLsn) {
          throw new StorageException(
              "redo files are not contiguous: "
                  + name(prev.number)
                  + " ends at "
                  + prev.endLsn()
                  + ", "
                  + name(rf.number)
                  + " starts at "
                  + rf.startLsn);
        }
        prev = rf;
      }
      return set;
    } catch (IOException e) {
      throw IoFailures.wrap(dir, "opening redo log in", e);
    }
  }

  static String name(long number) {
    return PREFIX + number;
  }

  private RedoFile createFile(long number, long startLsn) throws IOException {
    Path p = dir.resolve(name(number));
    StorageFile f = fs.create(p);
    ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE);
    h.putInt(0, MAGIC);
    h.putInt(4, VERSION);
    instance.write(h, H_INSTANCE);
    h.putLong(H_NUMBER, number);
    h.putLong(H_START, startLsn);
    h.putLong(H_CAPACITY, capacity);
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, H_CRC);
    h.putInt(H_CRC, (int) crc.getValue());
    try {
      f.writeFully(h, 0);
      ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
      for (long pos = HEADER_SIZE; pos < HEADER_SIZE + capacity; pos += zeros.capacity()) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), HEADER_SIZE + capacity - pos));
        f.writeFully(zeros, pos);
      }
      f.force();
      fs.syncDirectory(dir);
    } catch (IOException e) {
      // A file cut short by a full disk must not stay: it would be taken for the next file.
      f.close();
      fs.delete(p);
      throw e;
    }
    RedoFile rf = new RedoFile(number, startLsn, capacity, f);
    byStart.put(startLsn, rf);
    return rf;
  }

  /** Writes stream bytes starting at {@code lsn}, creating files as the stream crosses ends. */
  public synchronized void write(long lsn, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      Map.Entry<Long, RedoFile> e = byStart.floorEntry(lsn);
      RedoFile rf = e == null ? null : e.getValue();
      if (rf == null || lsn >= rf.endLsn()) {
        RedoFile last = byStart.lastEntry().getValue();
        if (lsn != last.endLsn()) {
          throw new IllegalStateException("redo write at " + lsn + " outside the log");
        }
        rf = createFile(last.number + 1, last.endLsn());
      }
      int n = (int) Math.min(data.remaining(), rf.endLsn() - lsn);
      ByteBuffer part = data.duplicate().limit(data.position() + n);
      rf.file.writeFully(part, HEADER_SIZE + (lsn - rf.startLsn));
      data.position(data.position() + n);
      lsn += n;
      unsynced.add(rf);
    }
    prepareSpare(lsn);
  }

  /**
   * Creates the file after the newest once the stream at {@code lsn} is past half of the newest.
   * Failing (a full disk) is not an error yet: there is half a file of room left, and the attempt
   * is repeated at most once a second until it succeeds or the log really needs the file.
   */
  private void prepareSpare(long lsn) {
    RedoFile last = byStart.lastEntry().getValue();
    if (lsn < last.startLsn + last.capacity / 2 || System.nanoTime() - spareRetryAfterNanos < 0) {
      return;
    }
    try {
      createFile(last.number + 1, last.endLsn());
    } catch (IOException e) {
      spareRetryAfterNanos = System.nanoTime() + 1_000_000_000L;
      LOG.warn("cannot create the next redo file {} yet: {}", name(last.number + 1), e.toString());
    }
  }

  /** Reads stream bytes from {@code lsn}; returns how many were available (0 beyond the end). */
  public synchronized int read(long lsn, ByteBuffer dst) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      Map.Entry<Long, RedoFile> e = byStart.floorEntry(lsn);
      if (e == null || lsn >= e.getValue().endLsn()) {
        break;
      }
      RedoFile rf = e.getValue();
      long off = HEADER_SIZE + (lsn - rf.startLsn);
      long avail = Math.min(rf.endLsn() - lsn, Math.max(0, rf.file.size() - off));
      if (avail <= 0) {
        break;
      }
      int n = (int) Math.min(dst.remaining(), avail);
      ByteBuffer part = dst.duplicate().limit(dst.position() + n);
      while (part.hasRemaining()) {
        if (rf.file.read(part, off + (part.position() - dst.position())) < 0) {
          break;
        }
      }
      int got = part.position() - dst.position();
      dst.position(part.position());
      total += got;
      lsn += got;
      if (got < n) {
        break;
      }
    }
    return total;
  }

  /** Fsyncs every file written since the last call. */
  public synchronized void force() throws IOException {
    for (RedoFile rf : unsynced) {
      rf.file.force();
    }
    unsynced.clear();
  }

  /** Deletes files that hold only LSNs below {@code lsn}; the newest file is always kept. */
  public synchronized void removeBelow(long lsn) throws IOException {
    while (byStart.size() > 1) {
      RedoFile first = byStart.firstEntry().getValue();
      if (first.endLsn() > lsn) {
        break;
      }
      byStart.pollFirstEntry();
      unsynced.remove(first);
      first.file.close();
      fs.delete(dir.resolve(name(first.number)));
    }
  }

  /**
   * Cuts the stream at {@code lsn} (the end of the valid log found by recovery): files starting
   * after it are deleted, the rest of the file holding it is zeroed. Zeroing rather than truncating
   * keeps the file at its full size (no write can meet a full disk there), and stale groups of the
   * lost tail can never be read as a continuation of the new log.
   */
  public synchronized void truncateAt(long lsn) throws IOException {
    while (byStart.size() > 1 && byStart.lastKey() > lsn) {
      RedoFile last = byStart.pollLastEntry().getValue();
      last.file.close();
      fs.delete(dir.resolve(name(last.number)));
    }
    RedoFile rf = byStart.floorEntry(lsn).getValue();
    long keep = HEADER_SIZE + Math.min(lsn - rf.startLsn, rf.capacity);
    long size = rf.file.size();
    ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
    ByteBuffer current = ByteBuffer.allocate(zeros.capacity());
    for (long pos = keep; pos < size; pos += zeros.capacity()) {
      int n = (int) Math.min(zeros.capacity(), size - pos);
      // Most of a preallocated tail is zero already: only rewrite what is not.
      current.clear().limit(n);
      rf.file.readFully(current, pos);
      if (!isZero(current.array(), n)) {
        rf.file.writeFully(zeros.clear().limit(n), pos);
      }
    }
    rf.file.force();
    fs.syncDirectory(dir);
  }

  private static boolean isZero(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Oldest LSN still held in a file. */
  public synchronized long firstLsn() {
    return byStart.firstKey();
  }

  public synchronized List<RedoFileInfo> files() {
    List<RedoFileInfo> out = new ArrayList<>();
    for (RedoFile rf : byStart.values()) {
      out.add(new RedoFileInfo(rf.number, rf.startLsn, rf.endLsn(), dir.resolve(name(rf.number))));
    }
    return out;
  }

  public synchronized void close() throws IOException {
    for (RedoFile rf : byStart.values()) {
      rf.file.close();
    }
  }
}
