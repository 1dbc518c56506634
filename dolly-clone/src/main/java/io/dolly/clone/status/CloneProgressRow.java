package io.dolly.clone.status;

import io.dolly.clone.CloneStage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code performance_schema.clone_progress}: a stage of the latest clone. Bytes and
 * bytes/s; speeds are non-zero only for the stage in progress.
 */
public record CloneProgressRow(
    long id,
    CloneStage stage,
    CloneState state,
    Instant beginTime,
    Instant endTime,
    int threads,
    long estimate,
    long data,
    long network,
    long dataSpeed,
    long networkSpeed) {

  public static final List<CloneStatusRow.Column> COLUMNS =
      List.of(
          new CloneStatusRow.Column("ID", "int"),
          new CloneStatusRow.Column("STAGE", "char(32)"),
          new CloneStatusRow.Column("STATE", "char(16)"),
          new CloneStatusRow.Column("BEGIN_TIME", "timestamp(6)"),
          new CloneStatusRow.Column("END_TIME", "timestamp(6)"),
          new CloneStatusRow.Column("THREADS", "int"),
          new CloneStatusRow.Column("ESTIMATE", "bigint"),
          new CloneStatusRow.Column("DATA", "bigint"),
          new CloneStatusRow.Column("NETWORK", "bigint"),
          new CloneStatusRow.Column("DATA_SPEED", "int"),
          new CloneStatusRow.Column("NETWORK_SPEED", "int"));

  public List<Object> values() {
    return Arrays.asList(
        id,
        stage.label(),
        state.label(),
        beginTime,
        endTime,
        threads,
        estimate,
        data,
        network,
        dataSpeed,
        networkSpeed);
  }
}
