package io.dolly.clone.status;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code performance_schema.clone_status} (the latest clone) or of {@code clone_history}
 * (a past one): MySQL's twelve columns, then Dolly's five. Times are null until set; END_TIME stays
 * null while the clone runs.
 */
public record CloneStatusRow(
    long id,
    long pid,
    CloneState state,
    Instant beginTime,
    Instant endTime,
    String source,
    String destination,
    int errorNo,
    String errorMessage,
    String binlogFile,
    long binlogPosition,
    String gtidExecuted,
    String currentTask,
    long dataDownloaded,
    long dataLocalized,
    long networkBandwidth,
    long duration) {

  /** Column names and SQL types, in table order. */
  public static final List<Column> COLUMNS =
      List.of(
          new Column("ID", "int"),
          new Column("PID", "int"),
          new Column("STATE", "char(16)"),
          new Column("BEGIN_TIME", "timestamp(3)"),
          new Column("END_TIME", "timestamp(3)"),
          new Column("SOURCE", "varchar(512)"),
          new Column("DESTINATION", "varchar(512)"),
          new Column("ERROR_NO", "int"),
          new Column("ERROR_MESSAGE", "varchar(512)"),
          new Column("BINLOG_FILE", "varchar(512)"),
          new Column("BINLOG_POSITION", "bigint"),
          new Column("GTID_EXECUTED", "longtext"),
          new Column("CURRENT_TASK", "varchar(32)"),
          new Column("DATA_DOWNLOADED", "bigint"),
          new Column("DATA_LOCALIZED", "bigint"),
          new Column("NETWORK_BANDWIDTH", "bigint"),
          new Column("DURATION", "bigint"));

  /** A column of a status table. */
  public record Column(String name, String sqlType) {}

  /** The values in column order, as the SQL layer renders them (STATE as its text). */
  public List<Object> values() {
    return java.util.Arrays.asList(
        id,
        pid,
        state.label(),
        beginTime,
        endTime,
        source,
        destination,
        errorNo,
        errorMessage,
        binlogFile,
        binlogPosition,
        gtidExecuted,
        currentTask,
        dataDownloaded,
        dataLocalized,
        networkBandwidth,
        duration);
  }
}
