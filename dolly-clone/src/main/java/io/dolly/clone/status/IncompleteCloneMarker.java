package io.dolly.clone.status;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The marker that says "this directory is an incomplete clone": {@code #clone/in_progress}, written
 * (and fsynced, with its directory) before the first data file and removed only after the last one
 * is synced. A server must refuse to start on a directory that has it, because its files are a mix
 * of nothing and torn copies.
 *
 * <p>The marker's content is one line, {@code dolly-clone-in-progress 1 <source>}, for the operator
 * reading it by hand.
 */
public final class IncompleteCloneMarker {
  public static final String CLONE_DIRECTORY = "#clone";
  public static final String FILE_NAME = "in_progress";

  private IncompleteCloneMarker() {}

  /** Writes the marker into {@code dataDir/#clone/}; call before writing any data. */
  public static void mark(Path dataDir, String source) throws IOException {
    Path dir = dataDir.resolve(CLONE_DIRECTORY);
    Files.createDirectories(dir);
    Path marker = dir.resolve(FILE_NAME);
    try (FileChannel ch =
        FileChannel.open(
            marker,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      ch.write(
          java.nio.ByteBuffer.wrap(
              ("dolly-clone-in-progress 1 " + source + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    syncDirectory(dir);
    syncDirectory(dataDir);
  }

  /** Removes the marker; call only after every cloned file is synced. */
  public static void clear(Path dataDir) throws IOException {
    Path dir = dataDir.resolve(CLONE_DIRECTORY);
    Files.deleteIfExists(dir.resolve(FILE_NAME));
    syncDirectory(dir);
  }

  /**
   * Why a server must not start on {@code dataDir}, or empty when it may. The text is for the
   * operator: what is wrong and how to fix it.
   */
  public static Optional<String> refusalReason(Path dataDir) {
    Path marker = dataDir.resolve(CLONE_DIRECTORY).resolve(FILE_NAME);
    if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(
        "The data directory "
            + dataDir
            + " holds an incomplete clone ("
            + marker
            + " exists): the clone that was writing it failed or was interrupted. Remove the"
            + " directory and run the CLONE statement again.");
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
