package io.dolly.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A file system for tests that fails the way disks do. It remembers every write that was not yet
 * fsynced (with the bytes it overwrote) and every file created since its directory was last synced,
 * like Lucene's MockDirectoryWrapper, so that a simulated power loss can drop, keep or tear exactly
 * those. Other faults: short writes, ENOSPC after a byte budget, failing fsyncs, and a power loss
 * triggered by the fsync of a chosen file (the moment a torn page write would hurt most).
 *
 * <p>After a power loss every handle opened before it fails ("power lost"), as does every new
 * operation, until {@link #restart()}: the old engine cannot write after its "death".
 */
public final class FaultInjectingFileSystem implements StorageFileSystem {
  /** Torn writes land in units of a disk sector. */
  public static final int SECTOR = 512;

  private final StorageFileSystem delegate;
  private final Map<Path, FileState> states = new HashMap<>();
  private SplittableRandom random;
  private int generation;
  private boolean down;
  private boolean shortWrites;
  private long spaceBudget = Long.MAX_VALUE;
  private Predicate<Path> spaceLimited = p -> true;
  private int fsyncsUntilFailure = -1;
  private Predicate<Path> powerLossOnFsyncOf;
  private long fsyncCount;

  public FaultInjectingFileSystem(StorageFileSystem delegate, long seed) {
    this.delegate = delegate;
    this.random = new SplittableRandom(seed);
  }

  private static final class FileState {
    final List<PendingWrite> unsynced = new ArrayList<>();
    boolean createdUnsyncedDir;
  }

  private record PendingWrite(long position, byte[] data, byte[] overwritten, long oldSize) {}

  // ---- fault switches -------------------------------------------------------------------------

  /** Each write call then transfers only part of the bytes (callers must loop). */
  public synchronized void shortWrites(boolean on) {
    this.shortWrites = on;
  }

  /** Writes that grow files fail with ENOSPC once files have grown by {@code bytes} more. */
  public synchronized void noSpaceAfter(long bytes) {
    noSpaceAfter(bytes, p -> true);
  }

  /**
   * Like {@link #noSpaceAfter(long)}, but only files matching {@code which} count and fail: a test
   * can then fill "the disk" of the tablespaces and watch one failure path alone.
   */
  public synchronized void noSpaceAfter(long bytes, Predicate<Path> which) {
    this.spaceBudget = bytes;
    this.spaceLimited = which;
  }

  public synchronized void unlimitedSpace() {
    this.spaceBudget = Long.MAX_VALUE;
    this.spaceLimited = p -> true;
  }

  /** The fsync after {@code n} more successful ones fails with EIO. */
  public synchronized void failFsyncAfter(int n) {
    this.fsyncsUntilFailure = n;
  }

  /** The next fsync of a matching file loses power instead (tearing its unsynced writes). */
  public synchronized void powerLossOnFsyncOf(Predicate<Path> which) {
    this.powerLossOnFsyncOf = which;
  }

  public synchronized long fsyncCount() {
    return fsyncCount;
  }

  public synchronized boolean isDown() {
    return down;
  }

  // ---- power loss ----------------------------------------------------------------------------

  /**
   * Simulates a power loss: every unsynced write is dropped, kept, or torn (only a sector-aligned
   * prefix lands), chosen at random; files created since their directory's last sync may vanish.
   */
  public synchronized void powerLoss() throws IOException {
    crash(true);
  }

  /** A power loss that discards every unsynced write and unsynced file creation. */
  public synchronized void powerLossDiscardingAll() throws IOException {
    crash(false);
  }

  /** Brings the file system back after a power loss; old handles stay dead. */
  public synchronized void restart() {
    down = false;
    powerLossOnFsyncOf = null;
    fsyncsUntilFailure = -1;
  }

  public synchronized void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  private void crash(boolean randomly) throws IOException {
    down = true;
    generation++;
    for (Map.Entry<Path, FileState> e : states.entrySet()) {
      Path path = e.getKey();
      FileState st = e.getValue();
      if (st.createdUnsyncedDir && (!randomly || random.nextBoolean())) {
        delegate.delete(path);
        continue;
      }
      if (st.unsynced.isEmpty() || !delegate.exists(path)) {
        continue;
      }
      try (StorageFile f = delegate.open(path)) {
        // Undo newest-first back to the synced image, then replay a random subset in order: the
        // disk may have persisted any of them, in any order, some only partly.
        for (int i = st.unsynced.size() - 1; i >= 0; i--) {
          PendingWrite w = st.unsynced.get(i);
          f.writeFully(ByteBuffer.wrap(w.overwritten), w.position);
          if (f.size() > w.oldSize) {
            f.truncate(w.oldSize);
          }
        }
        if (randomly) {
          for (PendingWrite w : st.unsynced) {
            int choice = random.nextInt(3);
            if (choice == 0) {
              continue;
            }
            int len = w.data.length;
            if (choice == 2 && len > SECTOR) {
              len = SECTOR * random.nextInt(1, (len + SECTOR - 1) / SECTOR);
            }
            f.writeFully(ByteBuffer.wrap(w.data, 0, Math.min(len, w.data.length)), w.position);
          }
        }
        f.force();
      }
    }
    states.clear();
  }

  private void tearOnly(Path path) throws IOException {
    // Like crash(true) but guarantees that every unsynced write of this file is torn.
    FileState st = states.get(path);
    if (st != null && !st.unsynced.isEmpty()) {
      try (StorageFile f = delegate.open(path)) {
        for (PendingWrite w : st.unsynced) {
          if (w.data.length > SECTOR) {
            f.writeFully(ByteBuffer.wrap(w.overwritten), w.position);
            f.writeFully(ByteBuffer.wrap(w.data, 0, SECTOR), w.position);
          }
        }
      }
      st.unsynced.clear();
    }
    crash(false);
  }

  private void checkUp(int handleGeneration) throws IOException {
    if (down || handleGeneration != generation) {
      throw new IOException("power lost");
    }
  }

  private FileState state(Path path) {
    return states.computeIfAbsent(path, p -> new FileState());
  }

  // ---- StorageFileSystem ---------------------------------------------------------------------

  @Override
  public synchronized StorageFile open(Path path) throws IOException {
    checkUp(generation);
    return new FaultFile(delegate.open(path), generation);
  }

  @Override
  public synchronized StorageFile create(Path path) throws IOException {
    checkUp(generation);
    StorageFile f = delegate.create(path);
    state(path).createdUnsyncedDir = true;
    return new FaultFile(f, generation);
  }

  @Override
  public boolean exists(Path path) {
    return delegate.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return delegate.isDirectory(path);
  }

  @Override
  public synchronized void delete(Path path) throws IOException {
    checkUp(generation);
    states.remove(path);
    delegate.delete(path);
  }

  @Override
  public synchronized void rename(Path from, Path to) throws IOException {
    checkUp(generation);
    FileState st = states.remove(from);
    if (st != null) {
      states.put(to, st);
    }
    delegate.rename(from, to);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return delegate.list(dir);
  }

  @Override
  public synchronized void createDirectories(Path dir) throws IOException {
    checkUp(generation);
    delegate.createDirectories(dir);
  }

  @Override
  public synchronized void syncDirectory(Path dir) throws IOException {
    checkUp(generation);
    for (Map.Entry<Path, FileState> e : states.entrySet()) {
      if (dir.equals(e.getKey().getParent())) {
        e.getValue().createdUnsyncedDir = false;
      }
    }
    delegate.syncDirectory(dir);
  }

  private final class FaultFile implements StorageFile {
    private final StorageFile file;
    private final int handleGeneration;

    FaultFile(StorageFile file, int handleGeneration) {
      this.file = file;
      this.handleGeneration = handleGeneration;
    }

    @Override
    public Path path() {
      return file.path();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      synchronized (FaultInjectingFileSystem.this) {
        checkUp(handleGeneration);
        return file.read(dst, position);
      }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      synchronized (FaultInjectingFileSystem.this) {
        checkUp(handleGeneration);
        int len = src.remaining();
        if (shortWrites && len > 1) {
          len = random.nextInt(1, len + 1);
        }
        long oldSize = file.size();
        // Like a real disk, only bytes that grow a file consume space; overwrites never fail.
        long growth = spaceLimited.test(file.path()) ? Math.max(0, position + len - oldSize) : 0;
        if (growth > spaceBudget) {
          throw new IOException(IoFailures.NO_SPACE);
        }
        if (spaceBudget != Long.MAX_VALUE) {
          spaceBudget -= growth;
        }
        int overlap = (int) Math.max(0, Math.min(len, oldSize - position));
        byte[] old = new byte[overlap];
        if (overlap > 0) {
          file.readFully(ByteBuffer.wrap(old), position);
        }
        byte[] data = new byte[len];
        src.get(data);
        file.writeFully(ByteBuffer.wrap(data), position);
        state(file.path()).unsynced.add(new PendingWrite(position, data, old, oldSize));
        return len;
      }
    }

    @Override
    public void force() throws IOException {
      synchronized (FaultInjectingFileSystem.this) {
        checkUp(handleGeneration);
        if (powerLossOnFsyncOf != null && powerLossOnFsyncOf.test(file.path())) {
          tearOnly(file.path());
          throw new IOException("power lost");
        }
        if (fsyncsUntilFailure == 0) {
          throw new IOException("Input/output error (injected fsync failure)");
        }
        if (fsyncsUntilFailure > 0) {
          fsyncsUntilFailure--;
        }
        fsyncCount++;
        file.force();
        FileState st = states.get(file.path());
        if (st != null) {
          st.unsynced.clear();
        }
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (FaultInjectingFileSystem.this) {
        checkUp(handleGeneration);
        return file.size();
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (FaultInjectingFileSystem.this) {
        checkUp(handleGeneration);
        // Modelled as durable at once; the engine only truncates redo tails it then fsyncs.
        file.truncate(size);
        FileState st = states.get(file.path());
        if (st != null) {
          st.unsynced.clear();
        }
      }
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
