package io.dolly.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bulk data for clone tests: {@code filler.t}, rows of about 2.9 KB whose content follows from the
 * key ({@code pad = REPEAT(MD5(id), 90)}), so a copy can be checked row for row with one query.
 * Inserted over SQL in multi-row statements (bench/filler-rows.py writes the same rows).
 */
record FillerTable(long rows) {
  private static final int ROW_BYTES = 32 * 90;
  private static final int BATCH = 1000;

  static FillerTable fill(Connection c, long mebibytes) throws SQLException {
    long rows = Math.max(1, (mebibytes << 20) / ROW_BYTES);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS filler");
      s.execute("CREATE TABLE filler.t (id BIGINT PRIMARY KEY, pad VARCHAR(3000) NOT NULL)");
      for (long first = 1; first <= rows; first += BATCH) {
        StringBuilder sql = new StringBuilder("INSERT INTO filler.t VALUES ");
        for (long id = first; id < first + BATCH && id <= rows; id++) {
          sql.append(id == first ? "" : ",").append('(').append(id).append(", REPEAT(MD5(");
          sql.append(id).append("), 90))");
        }
        s.execute(sql.toString());
      }
    }
    return new FillerTable(rows);
  }

  static FillerTable fill(ServerProcess server, long mebibytes) throws SQLException {
    try (Connection c = server.root()) {
      return fill(c, mebibytes);
    }
  }

  /** True when the server holds exactly these rows, each with its content. */
  boolean presentIn(ServerProcess server) throws SQLException {
    try (Connection c = server.root();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), SUM(pad = REPEAT(MD5(id), 90)), MIN(id), MAX(id) FROM filler.t")) {
      rs.next();
      return rs.getLong(1) == rows
          && rs.getLong(2) == rows
          && rs.getLong(3) == 1
          && rs.getLong(4) == rows;
    }
  }
}
