package io.dolly.sql;

/**
 * A note, warning or error as SHOW WARNINGS lists it.
 *
 * @param level {@code Note}, {@code Warning} or {@code Error}
 */
public record Warning(String level, int code, String message) {
  public static Warning warning(int code, String message) {
    return new Warning("Warning", code, message);
  }
}
