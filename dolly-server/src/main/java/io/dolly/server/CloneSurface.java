package io.dolly.server;

import io.dolly.clone.CloneVariable;
import io.dolly.clone.CloneVariables;
import io.dolly.clone.DonorList;
import io.dolly.clone.status.CloneProgressRow;
import io.dolly.clone.status.CloneStatusBoard;
import io.dolly.clone.status.CloneStatusRow;
import io.dolly.protocol.ColumnFlags;
import io.dolly.protocol.ColumnType;
import io.dolly.sql.exec.ColumnMeta;
import io.dolly.sql.exec.SqlEngine;
import io.dolly.sql.exec.SqlSession;
import io.dolly.sql.exec.SystemTable;
import io.dolly.sql.exec.Value;
import io.dolly.sql.sysvar.SystemVariable;
import io.dolly.sql.sysvar.SystemVariables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What CLONE shows through SQL: the {@code clone_*} system variables and the {@code
 * performance_schema} tables {@code clone_status}, {@code clone_progress} and {@code
 * clone_history}, read from the status board kept in {@code <datadir>/#clone/}. The clone module
 * defines both as plain data; this class adapts them to the SQL layer, which neither module depends
 * on the other for.
 */
final class CloneSurface {
  private CloneSurface() {}

  /** Registers every clone variable with MySQL's defaults, ranges and checks. */
  static void registerVariables(SystemVariables variables) {
    for (CloneVariable v : CloneVariables.ALL) {
      variables.register(definition(v));
    }
  }

  private static SystemVariable definition(CloneVariable v) {
    SystemVariable.Scope global = SystemVariable.Scope.GLOBAL;
    return switch (v.type()) {
      case BOOLEAN -> SystemVariable.bool(v.name(), global, v.defaultValue() != 0);
      case UNSIGNED ->
          SystemVariable.unsigned(v.name(), global, v.defaultValue(), v.min(), v.max())
              .withBlockSize(v.blockSize());
      case STRING -> {
        SystemVariable s = SystemVariable.string(v.name(), global, v.defaultString()).asNullable();
        yield v.name().equals("clone_valid_donor_list")
            ? s.withValidator(
                (def, value) -> DonorList.validate(value == null ? null : value.toString()))
            : s;
      }
    };
  }

  /** Loads the status board of {@code datadir} and serves it as performance_schema tables. */
  static CloneStatusBoard registerTables(SqlEngine engine, Path datadir) throws IOException {
    CloneStatusBoard board =
        CloneStatusBoard.load(datadir.resolve("#clone"), InstantSource.system());
    engine.registerSystemTable(
        "performance_schema",
        "clone_status",
        table(CloneStatusRow.COLUMNS, () -> board.status().map(r -> List.of(r)).orElse(List.of())));
    engine.registerSystemTable(
        "performance_schema", "clone_progress", table(CloneProgressRow.COLUMNS, board::progress));
    engine.registerSystemTable(
        "performance_schema", "clone_history", table(CloneStatusRow.COLUMNS, board::history));
    return board;
  }

  private static SystemTable table(List<CloneStatusRow.Column> columns, Supplier<List<?>> rows) {
    List<ColumnMeta> meta = columns.stream().map(CloneSurface::column).toList();
    return new SystemTable() {
      @Override
      public List<ColumnMeta> columns() {
        return meta;
      }

      @Override
      public List<List<Value>> rows(SqlSession session) {
        List<List<Value>> out = new ArrayList<>();
        for (Object row : rows.get()) {
          List<Object> values =
              row instanceof CloneStatusRow s ? s.values() : ((CloneProgressRow) row).values();
          List<Value> converted = new ArrayList<>(values.size());
          for (int i = 0; i < values.size(); i++) {
            converted.add(value(values.get(i), meta.get(i).decimals()));
          }
          out.add(converted);
        }
        return out;
      }
    };
  }

  private static ColumnMeta column(CloneStatusRow.Column c) {
    String type = c.sqlType().toLowerCase(Locale.ROOT);
    String table = "";
    if (type.startsWith("int") || type.startsWith("bigint")) {
      return new ColumnMeta(
          "performance_schema",
          table,
          table,
          c.name(),
          c.name(),
          63,
          type.startsWith("int") ? 11 : 20,
          type.startsWith("int") ? ColumnType.LONG : ColumnType.LONGLONG,
          ColumnFlags.NUM,
          0);
    }
    if (type.startsWith("timestamp")) {
      int fsp = type.contains("(6)") ? 6 : 3;
      return new ColumnMeta(
          "performance_schema",
          table,
          table,
          c.name(),
          c.name(),
          63,
          20 + fsp,
          ColumnType.TIMESTAMP,
          ColumnFlags.BINARY,
          fsp);
    }
    long chars =
        type.equals("longtext") ? 4294967295L / 4 : Long.parseLong(type.replaceAll("\\D", ""));
    return new ColumnMeta(
        "performance_schema",
        table,
        table,
        c.name(),
        c.name(),
        255,
        chars * 4,
        type.equals("longtext") ? ColumnType.BLOB : ColumnType.STRING,
        0,
        0);
  }

  private static Value value(Object o, int fsp) {
    return switch (o) {
      case null -> Value.NULL;
      case Integer i -> Value.of(i.longValue());
      case Long l -> Value.of(l);
      case Instant t ->
          new Value(Value.Kind.DATETIME, LocalDateTime.ofInstant(t, ZoneId.systemDefault()), fsp);
      default -> Value.of(o.toString());
    };
  }
}
