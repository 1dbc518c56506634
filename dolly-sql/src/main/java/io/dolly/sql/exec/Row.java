package io.dolly.sql.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One row of a result set, each cell already in MySQL's text-protocol form. */
public record Row(byte[][] cells) {

  /** The cell as text-protocol bytes (UTF-8), or null for SQL NULL. */
  public byte[] text(int i) {
    return cells[i];
  }

  public int size() {
    return cells.length;
  }

  /** The cell decoded as a string, or null; convenient for tests and SHOW filters. */
  public String string(int i) {
    return cells[i] == null ? null : new String(cells[i], StandardCharsets.UTF_8);
  }

  public static Row of(String... values) {
    byte[][] cells = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      cells[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new Row(cells);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && Arrays.deepEquals(cells, r.cells);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(cells);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Row[");
    for (int i = 0; i < cells.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(string(i));
    }
    return sb.append(']').toString();
  }
}
