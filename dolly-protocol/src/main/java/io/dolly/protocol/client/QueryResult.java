package io.dolly.protocol.client;

import io.dolly.protocol.packet.ColumnDefinition41;
import java.util.List;

/**
 * The outcome of a text-protocol query: a result set (columns and rows of nullable strings) or an
 * OK (affected rows, last insert id).
 */
public record QueryResult(
    List<ColumnDefinition41> columns,
    List<List<String>> rows,
    long affectedRows,
    long lastInsertId,
    int warnings,
    int statusFlags) {

  public boolean isResultSet() {
    return !columns.isEmpty();
  }

  /** The single value of a one-row, one-column result. */
  public String scalar() {
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException(
          "expected one row with one column, got " + rows.size() + " rows");
    }
    return rows.get(0).get(0);
  }
}
