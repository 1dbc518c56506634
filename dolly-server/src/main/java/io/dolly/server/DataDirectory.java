package io.dolly.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A server's data directory, held exclusively while the server runs.
 *
 * <p>The lock is an OS file lock on {@code dolly.pid} (which also holds the process id): it is
 * released by the kernel if the process dies, so a crash never leaves a stale lock, and a second
 * server on the same directory is refused at once.
 */
public final class DataDirectory implements AutoCloseable {
  static final String PID_FILE = "dolly.pid";
  static final String ERROR_LOG = "dolly.err";
  static final String AUTO_CNF = "auto.cnf";

  /** Files that may be present in a directory that still counts as empty (uninitialized). */
  private static final Set<String> IGNORED_WHEN_EMPTY = Set.of(PID_FILE, ERROR_LOG, "lost+found");

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean fresh;

  private DataDirectory(Path path, FileChannel lockChannel, FileLock lock, boolean fresh) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.fresh = fresh;
  }

  /**
   * Creates the directory if needed and locks it.
   *
   * @throws StartupException when another server holds it or it cannot be created
   */
  public static DataDirectory lock(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new StartupException("Can't create data directory '" + path + "': " + e.getMessage());
    }
    FileChannel ch;
    FileLock lock;
    try {
      ch =
          FileChannel.open(
              path.resolve(PID_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      lock = ch.tryLock();
    } catch (IOException e) {
      throw new StartupException("Can't lock data directory '" + path + "': " + e.getMessage());
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
      ch = null;
    }
    if (lock == null) {
      throw new StartupException(
          "Another server is already using the data directory '"
              + path
              + "' (it holds the lock on "
              + PID_FILE
              + "). Stop it, or start this one with another --datadir.");
    }
    try {
      ch.truncate(0);
      ch.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataDirectory(path, ch, lock, isEmpty(path));
    } catch (IOException e) {
      throw new StartupException("Can't write " + path.resolve(PID_FILE) + ": " + e.getMessage());
    }
  }

  private static boolean isEmpty(Path path) throws IOException {
    try (Stream<Path> s = Files.list(path)) {
      return s.allMatch(p -> IGNORED_WHEN_EMPTY.contains(p.getFileName().toString()));
    }
  }

  public Path path() {
    return path;
  }

  /** True when the directory held nothing of an instance when it was locked. */
  public boolean isFresh() {
    return fresh;
  }

  public Path errorLog() {
    return path.resolve(ERROR_LOG);
  }

  /**
   * The instance's server_uuid from {@code auto.cnf}, created on first use as MySQL does. A cloned
   * directory has no auto.cnf (it is never copied), so a clone gets its own identity.
   */
  public String serverUuid() throws IOException {
    Path file = path.resolve(AUTO_CNF);
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        String l = line.strip();
        if (l.startsWith("server-uuid=")) {
          return l.substring("server-uuid=".length()).strip();
        }
      }
    }
    String uuid = UUID.randomUUID().toString();
    Files.writeString(file, "[auto]\nserver-uuid=" + uuid + "\n", StandardCharsets.UTF_8);
    return uuid;
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
      Files.deleteIfExists(path.resolve(PID_FILE));
    } catch (IOException e) {
      // Nothing left to protect: the kernel drops the lock when the process exits anyway.
    }
  }
}
