package io.dolly.clone.donor;

import io.dolly.clone.CloneStage;
import io.dolly.clone.transfer.ChunkCodec;
import io.dolly.clone.transfer.ChunkEncoder;
import io.dolly.clone.transfer.EncodedChunk;
import io.dolly.clone.wire.ChunkDescriptor;
import io.dolly.clone.wire.ChunkPosition;
import io.dolly.clone.wire.CloneProtocol;
import io.dolly.clone.wire.DataDescResponse;
import io.dolly.clone.wire.DataDescriptor;
import io.dolly.clone.wire.DataResponse;
import io.dolly.clone.wire.FileDescriptor;
import io.dolly.clone.wire.RedoRangeDescriptor;
import io.dolly.clone.wire.SnapshotLocator;
import io.dolly.clone.wire.StageChange;
import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.protocol.wire.PacketChannel;
import io.dolly.storage.page.PageId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link CloneSnapshot} served to a remote recipient over several connections. The master (the
 * connection that sent INIT) streams every stage, one per EXECUTE, each after the recipient
 * acknowledged the one before; workers (ATTACH) help with FILE COPY only.
 *
 * <p>FILE COPY: the files are split into ranges of {@link #FILE_CHUNK_BYTES}, kept in one shared
 * queue from which every connection claims the next. A range a connection claimed but could not
 * send goes back to the queue. The master ends FILE COPY only when every range was sent by someone
 * — PAGE COPY stops page tracking, and a file range read after that could be torn without its page
 * being re-sent. PAGE COPY and REDO COPY run on the master alone.
 *
 * <p>On the wire, a FILE or PAGE COPY chunk names the file index of the FILE COPY list and the byte
 * offset in it; a REDO COPY chunk names file 0 and the LSN of its first byte as the offset. A
 * tablespace that grew since it was listed is announced again with its new size before the first
 * page beyond the old one.
 */
final class RemoteSnapshot implements AutoCloseable {
  /** One FILE COPY chunk: MySQL's block size, small enough to spread a file over threads. */
  static final int FILE_CHUNK_BYTES = 1 << 20;

  /** Pages read under one redo flush in PAGE COPY. */
  private static final int PAGE_BATCH = 64;

  private static final long POLL_MILLIS = 20;

  private record Range(int fileIndex, SnapshotFile file, long offset, int length) {}

  private final SnapshotLocator locator;
  private final CloneSnapshot snapshot;
  private final ChunkCodec codec;
  private final List<SnapshotFile> files;
  private final long[] announcedSizes;
  private final Deque<Range> pending = new ArrayDeque<>();
  private int inFlight;
  private final CountDownLatch fileCopyOpen = new CountDownLatch(1);
  private volatile MysqlException abort;
  private CloneStage next = CloneStage.FILE_COPY;
  private boolean streamed;
  private List<PageId> pages;
  private long redoResumeLsn = -1;
  private int detachments;
  private boolean attached = true;
  private volatile boolean ended;

  RemoteSnapshot(SnapshotLocator locator, CloneSnapshot snapshot, ChunkCodec codec) {
    this.locator = locator;
    this.snapshot = snapshot;
    this.codec = codec;
    this.files = snapshot.files();
    this.announcedSizes = new long[files.size()];
    for (int i = 0; i < files.size(); i++) {
      announcedSizes[i] = files.get(i).size();
    }
    queueAllRanges();
  }

  /** Every FILE COPY range, in file order. */
  private void queueAllRanges() {
    for (int i = 0; i < files.size(); i++) {
      SnapshotFile f = files.get(i);
      for (long off = 0; off < f.size(); off += FILE_CHUNK_BYTES) {
        pending.add(new Range(i, f, off, (int) Math.min(FILE_CHUNK_BYTES, f.size() - off)));
      }
    }
  }

  SnapshotLocator locator() {
    return locator;
  }

  CloneSnapshot snapshot() {
    return snapshot;
  }

  /** Bytes FILE COPY sends: what the recipient needs free, at least. */
  long estimatedBytes() {
    long total = 0;
    for (SnapshotFile f : files) {
      total += f.size();
    }
    return total;
  }

  boolean ended() {
    return ended;
  }

  boolean aborted() {
    return abort != null;
  }

  /** Makes every connection of this snapshot fail with {@code e} at its next check. */
  void abort(MysqlException e) {
    if (abort == null) {
      abort = e;
    }
  }

  /**
   * The master's EXECUTE: the next data stage, from its BEGIN to its END. The stage after it is
   * streamed only once the recipient acknowledged this one ({@link #acknowledge}): the next stage
   * must not start while the recipient may still lack data of this one (PAGE COPY stops page
   * tracking, after which FILE COPY could not be sent again safely).
   */
  void streamMaster(PacketChannel out, BooleanSupplier killed) throws IOException {
    ChunkEncoder encoder = new ChunkEncoder(codec);
    CloneStage stage;
    synchronized (this) {
      if (streamed) {
        throw CloneProtocol.malformed(next.label() + " was sent and not acknowledged");
      }
      stage = next;
    }
    switch (stage) {
      case FILE_COPY -> fileCopy(out, encoder, killed);
      case PAGE_COPY -> pageCopy(out, encoder, killed);
      case REDO_COPY -> redoCopy(out, encoder, killed);
      default -> throw CloneProtocol.malformed("EXECUTE after the last data stage");
    }
    out.flush();
    synchronized (this) {
      streamed = true;
    }
  }

  /**
   * A new master connection resumes after a network failure: the stage not yet acknowledged is
   * streamed again by the next EXECUTE — FILE COPY whole (page tracking still runs, so that is
   * safe), PAGE COPY from its first page, REDO COPY after the last chunk the recipient applied.
   */
  synchronized void resume(ChunkPosition lastApplied) {
    streamed = false;
    redoResumeLsn =
        lastApplied != null && lastApplied.stage() == CloneStage.REDO_COPY ? lastApplied.end() : -1;
    if (next == CloneStage.FILE_COPY) {
      pending.clear();
      queueAllRanges();
    }
  }

  /** The master's connection was lost; returns how often, which names this detachment. */
  synchronized int detach() {
    return ++detachments;
  }

  /** Whether {@code detachment} is still the latest and no master resumed since. */
  synchronized boolean stillDetached(int detachment) {
    return detachments == detachment && !attached;
  }

  synchronized boolean isDetached() {
    return !attached;
  }

  synchronized void setAttached(boolean value) {
    attached = value;
  }

  /** ACK of the stage last streamed: the next EXECUTE streams the stage after it. */
  synchronized void acknowledge(CloneStage stage) {
    // Not "streamed" after a resume: the recipient may have applied the whole stage and lost
    // only its ACK, which it then sends on the new connection.
    if (stage != next) {
      throw CloneProtocol.malformed("ACK of " + stage.label() + " while " + next.label() + " runs");
    }
    next = CloneStage.values()[stage.ordinal() + 1];
    streamed = false;
  }

  private void fileCopy(PacketChannel out, ChunkEncoder encoder, BooleanSupplier killed)
      throws IOException {
    out.writePayload(
        desc(
            new StageChange(
                CloneStage.FILE_COPY, StageChange.Event.BEGIN, files.size(), estimatedBytes())));
    for (int i = 0; i < files.size(); i++) {
      SnapshotFile f = files.get(i);
      out.writePayload(desc(new FileDescriptor(i, f.name(), f.size(), 0)));
    }
    out.flush();
    fileCopyOpen.countDown();
    do {
      sendRanges(out, encoder, killed);
    } while (!fileRangesDrained(killed));
    out.writePayload(desc(new StageChange(CloneStage.FILE_COPY, StageChange.Event.END, 0, 0)));
  }

  /** A worker's EXECUTE: FILE COPY ranges until none is left. */
  void streamWorker(PacketChannel out, BooleanSupplier killed) throws IOException {
    try {
      while (!fileCopyOpen.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        check(killed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
    sendRanges(out, new ChunkEncoder(codec), killed);
    out.flush();
  }

  private void sendRanges(PacketChannel out, ChunkEncoder encoder, BooleanSupplier killed)
      throws IOException {
    Map<Integer, FileChannel> open = new HashMap<>();
    try {
      for (Range r = claim(); r != null; r = claim()) {
        boolean sent = false;
        try {
          check(killed);
          byte[] raw = read(open, r);
          if (raw.length > 0) {
            sendChunk(out, encoder, CloneStage.FILE_COPY, r.fileIndex(), r.offset(), raw);
            out.flush();
          }
          sent = true;
        } finally {
          finish(r, sent);
        }
      }
    } finally {
      for (FileChannel ch : open.values()) {
        ch.close();
      }
    }
  }

  /** The range as it is on disk now; shorter (or empty) when the file is shorter than listed. */
  private static byte[] read(Map<Integer, FileChannel> open, Range r) throws IOException {
    FileChannel ch = open.get(r.fileIndex());
    if (ch == null) {
      ch = FileChannel.open(r.file().path(), StandardOpenOption.READ);
      open.put(r.fileIndex(), ch);
    }
    byte[] raw = new byte[r.length()];
    ByteBuffer buf = ByteBuffer.wrap(raw);
    while (buf.hasRemaining()) {
      if (ch.read(buf, r.offset() + buf.position()) < 0) {
        break;
      }
    }
    return buf.hasRemaining() ? Arrays.copyOf(raw, buf.position()) : raw;
  }

  private synchronized Range claim() {
    Range r = pending.poll();
    if (r != null) {
      inFlight++;
    }
    return r;
  }

  private synchronized void finish(Range r, boolean sent) {
    inFlight--;
    if (!sent) {
      pending.addFirst(r);
    }
    notifyAll();
  }

  /**
   * Waits until no range is being sent; true when every range was sent, false when one came back
   * (its connection failed) and must be claimed again.
   */
  private synchronized boolean fileRangesDrained(BooleanSupplier killed) {
    while (pending.isEmpty() && inFlight > 0) {
      check(killed);
      try {
        wait(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
      }
    }
    return pending.isEmpty();
  }

  private void pageCopy(PacketChannel out, ChunkEncoder encoder, BooleanSupplier killed)
      throws IOException {
    if (pages == null) {
      pages = snapshot.startPageCopy();
    }
    int pageSize = snapshot.pageSize();
    out.writePayload(
        desc(
            new StageChange(
                CloneStage.PAGE_COPY, StageChange.Event.BEGIN, 0, (long) pages.size() * pageSize)));
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      indexByName.put(files.get(i).name(), i);
    }
    for (int from = 0; from < pages.size(); from += PAGE_BATCH) {
      check(killed);
      List<PageId> ids = pages.subList(from, Math.min(pages.size(), from + PAGE_BATCH));
      for (TrackedPage page : snapshot.copyPages(ids)) {
        Integer index = indexByName.get(page.file());
        if (index == null) {
          // The backup lock keeps tablespaces from being created while the snapshot is open.
          throw new MysqlException(
              ErrorCode.ER_INTERNAL_ERROR, "clone page of an unlisted file " + page.file());
        }
        long end = page.offset() + page.image().length;
        if (end > announcedSizes[index]) {
          announcedSizes[index] = end;
          out.writePayload(desc(new FileDescriptor(index, page.file(), end, 0)));
        }
        sendChunk(out, encoder, CloneStage.PAGE_COPY, index, page.offset(), page.image());
      }
      out.flush();
    }
    out.writePayload(desc(new StageChange(CloneStage.PAGE_COPY, StageChange.Event.END, 0, 0)));
  }

  private void redoCopy(PacketChannel out, ChunkEncoder encoder, BooleanSupplier killed)
      throws IOException {
    long from = snapshot.pageCopyLsn();
    long to = snapshot.endLsn() >= 0 ? snapshot.endLsn() : snapshot.fixEndLsn();
    long resumeAt = redoResumeLsn >= from && redoResumeLsn <= to ? redoResumeLsn : from;
    out.writePayload(
        desc(new StageChange(CloneStage.REDO_COPY, StageChange.Event.BEGIN, 0, to - from)));
    out.writePayload(desc(new RedoRangeDescriptor(from, to)));
    snapshot.copyRedo(
        resumeAt,
        (lsn, bytes) -> {
          check(killed);
          long at = lsn;
          while (bytes.hasRemaining()) {
            byte[] raw = new byte[Math.min(bytes.remaining(), FILE_CHUNK_BYTES)];
            bytes.get(raw);
            sendChunk(out, encoder, CloneStage.REDO_COPY, 0, at, raw);
            at += raw.length;
          }
        });
    out.writePayload(desc(new StageChange(CloneStage.REDO_COPY, StageChange.Event.END, 0, 0)));
  }

  private static void sendChunk(
      PacketChannel out,
      ChunkEncoder encoder,
      CloneStage stage,
      int fileIndex,
      long offset,
      byte[] raw)
      throws IOException {
    EncodedChunk c = encoder.encode(raw, 0, raw.length);
    out.writePayload(
        desc(
            new ChunkDescriptor(
                stage, fileIndex, offset, c.bytes().length, c.codec(), c.rawLength(), c.crc32c())));
    out.writePayload(new DataResponse(c.bytes()).encode());
  }

  private static byte[] desc(DataDescriptor d) {
    return new DataDescResponse(d).encode();
  }

  /** KILL of this connection's session, an abort of the whole snapshot, or its end. */
  private void check(BooleanSupplier killed) {
    if (killed.getAsBoolean()) {
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
    MysqlException a = abort;
    if (a != null) {
      throw a;
    }
    if (ended) {
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
  }

  @Override
  public void close() {
    ended = true;
    fileCopyOpen.countDown();
    snapshot.close();
  }
}
