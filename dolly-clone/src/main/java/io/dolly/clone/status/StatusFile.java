package io.dolly.clone.status;

import io.dolly.clone.CloneStage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted status tables, {@code #clone/status}: UTF-8 text, one record a line, fields
 * separated by TAB; in fields {@code \\}, {@code \t}, {@code \n}, {@code \r} are escaped and {@code
 * \N} is NULL; times are microseconds since the epoch.
 *
 * <pre>
 *   dolly-clone-status TAB 1                      format name and version
 *   status  TAB the 17 clone_status columns       the latest clone (absent before the first)
 *   stage   TAB code, state, begin, end, threads, estimate, data, network   × 7, in stage order
 *   history TAB the 17 clone_status columns       past clones, oldest first
 *   end                                            proves the file is whole
 * </pre>
 *
 * Written to {@code status.tmp}, fsynced, renamed over {@code status} and the directory fsynced, so
 * a reader sees the old or the new file, never a torn one.
 */
final class StatusFile {
  static final String FILE_NAME = "status";
  static final String FORMAT = "dolly-clone-status";
  static final int VERSION = 1;
  private static final String NULL = "\\N";

  /** What the file holds: the latest clone with its stages (or null), and the history. */
  record Contents(
      CloneStatusRow status, List<CloneProgressRow> stages, List<CloneStatusRow> history) {}

  private StatusFile() {}

  static void write(Path cloneDir, Contents c) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append(FORMAT).append('\t').append(VERSION).append('\n');
    if (c.status() != null) {
      statusLine(out, "status", c.status());
      for (CloneProgressRow p : c.stages()) {
        line(
            out,
            "stage",
            p.stage().code(),
            p.state().label(),
            p.beginTime(),
            p.endTime(),
            p.threads(),
            p.estimate(),
            p.data(),
            p.network());
      }
    }
    for (CloneStatusRow h : c.history()) {
      statusLine(out, "history", h);
    }
    out.append("end\n");
    Files.createDirectories(cloneDir);
    Path tmp = cloneDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(
        tmp,
        cloneDir.resolve(FILE_NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(cloneDir, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /** Reads the file; null when there is none. Malformed files fail with an IOException. */
  static Contents read(Path cloneDir) throws IOException {
    String text;
    try {
      text = Files.readString(cloneDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(FORMAT + "\t" + VERSION)) {
      throw new IOException(
          cloneDir.resolve(FILE_NAME)
              + " is not a clone status file of version "
              + VERSION
              + " (first line '"
              + lines[0]
              + "')");
    }
    if (!lines[lines.length - 2].equals("end") || !lines[lines.length - 1].isEmpty()) {
      throw new IOException(cloneDir.resolve(FILE_NAME) + " is incomplete");
    }
    CloneStatusRow status = null;
    List<CloneProgressRow> stages = new ArrayList<>();
    List<CloneStatusRow> history = new ArrayList<>();
    try {
      for (int i = 1; i < lines.length - 2; i++) {
        String[] f = lines[i].split("\t", -1);
        switch (f[0]) {
          case "status" -> status = statusRow(f);
          case "history" -> history.add(statusRow(f));
          case "stage" -> stages.add(stageRow(f, status == null ? 0 : status.id()));
          default -> throw new IOException("unknown record '" + f[0] + "'");
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(cloneDir.resolve(FILE_NAME) + " is malformed: " + e, e);
    }
    if (status != null && stages.size() != CloneStage.values().length) {
      throw new IOException(cloneDir.resolve(FILE_NAME) + " has " + stages.size() + " stages");
    }
    return new Contents(status, stages, history);
  }

  private static void statusLine(StringBuilder out, String tag, CloneStatusRow r) {
    line(out, tag, r.values().toArray());
  }

  private static void line(StringBuilder out, String tag, Object... fields) {
    out.append(tag);
    for (Object o : fields) {
      out.append('\t').append(encode(o));
    }
    out.append('\n');
  }

  private static String encode(Object o) {
    if (o == null) {
      return NULL;
    }
    if (o instanceof Instant t) {
      return Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
    }
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String decode(String s) {
    if (s.equals(NULL)) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      b.append(
          switch (n) {
            case '\\' -> '\\';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> throw new IllegalArgumentException("bad escape \\" + n);
          });
    }
    return b.toString();
  }

  private static Instant time(String s) {
    if (s.equals(NULL)) {
      return null;
    }
    long micros = Long.parseLong(s);
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static CloneStatusRow statusRow(String[] f) {
    if (f.length != 1 + CloneStatusRow.COLUMNS.size()) {
      throw new IllegalArgumentException("status record has " + (f.length - 1) + " fields");
    }
    return new CloneStatusRow(
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        CloneState.ofLabel(f[3]),
        time(f[4]),
        time(f[5]),
        decode(f[6]),
        decode(f[7]),
        Integer.parseInt(f[8]),
        decode(f[9]),
        decode(f[10]),
        Long.parseLong(f[11]),
        decode(f[12]),
        decode(f[13]),
        Long.parseLong(f[14]),
        Long.parseLong(f[15]),
        Long.parseLong(f[16]),
        Long.parseLong(f[17]));
  }

  private static CloneProgressRow stageRow(String[] f, long id) {
    if (f.length != 9) {
      throw new IllegalArgumentException("stage record has " + (f.length - 1) + " fields");
    }
    CloneStage stage = CloneStage.ofCode(Integer.parseInt(f[1]));
    if (stage == null) {
      throw new IllegalArgumentException("unknown stage " + f[1]);
    }
    return new CloneProgressRow(
        id,
        stage,
        CloneState.ofLabel(f[2]),
        time(f[3]),
        time(f[4]),
        Integer.parseInt(f[5]),
        Long.parseLong(f[6]),
        Long.parseLong(f[7]),
        Long.parseLong(f[8]),
        0,
        0);
  }
}
