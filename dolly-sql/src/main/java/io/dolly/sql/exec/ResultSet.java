package io.dolly.sql.exec;

import java.util.List;

/** Rows with their column definitions. */
public record ResultSet(List<ColumnMeta> columns, List<Row> rows) implements StatementResult {
  public ResultSet {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
