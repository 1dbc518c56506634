package io.dolly.sql.exec;

import java.util.List;

/** What one statement produced: an OK (update count) or a result set. */
public sealed interface StatementResult {

  /**
   * An OK packet's content.
   *
   * @param info the human-readable info string (e.g. {@code Rows matched: 1 Changed: 1}), or empty
   */
  record UpdateResult(long affectedRows, long lastInsertId, String info)
      implements StatementResult {
    public static final UpdateResult OK = new UpdateResult(0, 0, "");
  }

  record ResultSet(List<ColumnMeta> columns, List<Row> rows) implements StatementResult {
    public ResultSet {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }
}
