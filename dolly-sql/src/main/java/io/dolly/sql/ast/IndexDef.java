package io.dolly.sql.ast;

import java.util.List;

/**
 * An index: PRIMARY KEY, UNIQUE, INDEX (KEY) or FULLTEXT.
 *
 * @param name the index name, null when not given (and always for PRIMARY)
 */
public record IndexDef(String kind, String name, List<Part> parts) {
  public IndexDef {
    parts = List.copyOf(parts);
  }

  /** One key part: a column with optional prefix length and order. */
  public record Part(String column, Integer length, boolean descending) {}
}
