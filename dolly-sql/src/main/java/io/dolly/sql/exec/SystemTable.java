package io.dolly.sql.exec;

import java.util.List;

/**
 * A read-only table another layer serves from memory, such as {@code
 * performance_schema.clone_status}; registered with {@link SqlEngine#registerSystemTable}. SELECTs
 * over one table with WHERE, ORDER BY and LIMIT run against it.
 */
public interface SystemTable {
  /** The columns, named as SELECT sees them ({@link ColumnMeta#orgName()} is the column name). */
  List<ColumnMeta> columns();

  /** The current rows, one value per column, for the asking session. */
  List<List<Value>> rows(SqlSession session);

  /** A table of fixed columns whose rows {@code rows} computes per asking session. */
  static SystemTable of(
      List<ColumnMeta> columns, java.util.function.Function<SqlSession, List<List<Value>>> rows) {
    List<ColumnMeta> fixed = List.copyOf(columns);
    return new SystemTable() {
      @Override
      public List<ColumnMeta> columns() {
        return fixed;
      }

      @Override
      public List<List<Value>> rows(SqlSession session) {
        return rows.apply(session);
      }
    };
  }
}
