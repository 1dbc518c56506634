package io.dolly.server.clone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The durable record of an in-place swap, {@code <datadir>/#clone/swap}: which step of the swap
 * runs (or is about to run) and what the restart needs to finish it. Every step is written here
 * before it starts, so a start after a crash knows exactly which files are where.
 *
 * <p>Format: UTF-8 text, one record a line, fields separated by TAB.
 *
 * <pre>
 *   dolly-clone-swap TAB 1          format name and version
 *   phase TAB &lt;SwapPhase name&gt;    the step in progress, e.g. MOVING_OLD
 *   delay TAB &lt;seconds&gt;           clone_delay_after_data_drop when the swap was staged
 *   end                             proves the file is whole
 * </pre>
 *
 * Written to {@code swap.tmp}, fsynced, renamed over {@code swap} and the directory fsynced, so a
 * reader sees the previous step or the next one, never a torn record. No file: no swap.
 */
final class SwapJournal {
  static final String FILE_NAME = "swap";
  static final String FORMAT = "dolly-clone-swap";
  static final int VERSION = 1;

  /** One record: the step and the DROP DATA delay in seconds. */
  record Entry(SwapPhase phase, long delaySeconds) {
    Entry next(SwapPhase phase) {
      return new Entry(phase, delaySeconds);
    }
  }

  private SwapJournal() {}

  static void write(Path cloneDir, Entry entry) throws IOException {
    String text =
        FORMAT
            + "\t"
            + VERSION
            + "\nphase\t"
            + entry.phase().name()
            + "\ndelay\t"
            + entry.delaySeconds()
            + "\nend\n";
    Files.createDirectories(cloneDir);
    Path tmp = cloneDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(
        tmp,
        cloneDir.resolve(FILE_NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    FileMoves.syncDirectory(cloneDir);
  }

  /**
   * The record, or empty when no swap is under way. A damaged record fails: it is never guessed.
   */
  static Optional<Entry> read(Path cloneDir) throws IOException {
    Path file = cloneDir.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] lines = text.split("\n", -1);
    if (lines.length != 5
        || !lines[0].equals(FORMAT + "\t" + VERSION)
        || !lines[1].startsWith("phase\t")
        || !lines[2].startsWith("delay\t")
        || !lines[3].equals("end")
        || !lines[4].isEmpty()) {
      throw new IOException(file + " is not a whole swap record of version " + VERSION);
    }
    try {
      return Optional.of(
          new Entry(
              SwapPhase.valueOf(lines[1].substring("phase\t".length())),
              Long.parseLong(lines[2].substring("delay\t".length()))));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is malformed: " + e.getMessage(), e);
    }
  }

  /** The swap is over (finished or rolled back): the record goes last. */
  static void delete(Path cloneDir) throws IOException {
    Files.deleteIfExists(cloneDir.resolve(FILE_NAME));
    FileMoves.syncDirectory(cloneDir);
  }
}
