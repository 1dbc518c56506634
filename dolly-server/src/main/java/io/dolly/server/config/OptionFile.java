package io.dolly.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a my.cnf-style option file as MySQL does: {@code [section]} headers, {@code name=value}
 * or bare {@code name} lines, {@code #} and {@code ;} comments, optional quotes around values,
 * and {@code !include FILE} / {@code !includedir DIR} (only {@code *.cnf} files). Only the
 * sections given are kept; Dolly reads {@code [mysqld]}, {@code [server]} and {@code [dolly]}.
 */
public final class OptionFile {
  private OptionFile() {}

  /** Options of the wanted sections, in file order; a bare name has a null value. */
  public static List<Option> read(Path file, Set<String> sections) throws IOException {
    List<Option> out = new ArrayList<>();
    read(file, sections, out, 0);
    return out;
  }

  private static void read(Path file, Set<String> sections, List<Option> out, int depth)
      throws IOException {
    if (depth > 10) {
      throw new IOException("option files include each other too deeply at " + file);
    }
    boolean wanted = false;
    int lineNo = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("!include ")) {
        read(file.resolveSibling(line.substring(9).strip()), sections, out, depth + 1);
        continue;
      }
      if (line.startsWith("!includedir ")) {
        Path dir = file.resolveSibling(line.substring(12).strip());
        try (Stream<Path> files = Files.list(dir)) {
          for (Path p :
              files.filter(p -> p.toString().endsWith(".cnf")).sorted().toList()) {
            read(p, sections, out, depth + 1);
          }
        }
        continue;
      }
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        if (end < 0) {
          throw new IOException(file + ":" + lineNo + ": unterminated section header");
        }
        wanted = sections.contains(line.substring(1, end).strip().toLowerCase());
        continue;
      }
      if (!wanted) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        out.add(new Option(Option.normalize(stripComment(line)), null));
      } else {
        String name = line.substring(0, eq).strip();
        out.add(new Option(Option.normalize(name), unquote(stripComment(line.substring(eq + 1)))));
      }
    }
  }

  private static String stripComment(String s) {
    // A '#' starts a comment unless it is inside quotes.
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#') {
        return s.substring(0, i).strip();
      }
    }
    return s.strip();
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
