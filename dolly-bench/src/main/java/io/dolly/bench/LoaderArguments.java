package io.dolly.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code --name=value} arguments of the loaders' {@code main} methods. */
final class LoaderArguments {
  private LoaderArguments() {}

  /** Names to values, in the order given (a later repeat wins). */
  static Map<String, String> parse(String... args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      out.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return out;
  }

  /** A comma-separated list of integers, e.g. thread counts. */
  static List<Integer> integers(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  /** Seconds, possibly fractional. */
  static Duration seconds(String v) {
    return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
  }

  /** A byte count with an optional k, m or g suffix (powers of 1024). */
  static long size(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    int shift =
        switch (s.charAt(s.length() - 1)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    return Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)) << shift;
  }
}
