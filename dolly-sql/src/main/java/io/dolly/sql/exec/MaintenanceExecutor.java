package io.dolly.sql.exec;

import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.TableName;
import io.dolly.storage.catalog.CheckResult;
import io.dolly.storage.catalog.KeyBound;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.RowCursor;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * CHECK, ANALYZE, OPTIMIZE, REPAIR and CHECKSUM TABLE, answered with MySQL's result sets: {@code
 * Table | Op | Msg_type | Msg_text} rows ("status OK"), and {@code Table | Checksum}. A missing
 * table is an "Error" row followed by "status Operation failed", as in MySQL, not an error.
 *
 * <p>CHECKSUM TABLE is a CRC-32 per row over the columns' text forms (NULL as a marker byte),
 * summed: the same rows give the same checksum whatever their order, as MySQL's does, though the
 * value differs from MySQL's, which hashes its internal record format.
 */
final class MaintenanceExecutor {
  private final SqlSession session;

  MaintenanceExecutor(SqlSession session) {
    this.session = session;
  }

  StatementResult run(Ddl.Maintenance m) {
    String op = m.operation().toLowerCase(Locale.ROOT);
    if (op.equals("checksum")) {
      return checksum(m.tables());
    }
    List<Row> rows = new ArrayList<>();
    for (TableName n : m.tables()) {
      String schema = session.schemaOf(n.schema());
      String name = schema + "." + n.name();
      var table = session.findTable(schema, n.name());
      if (table.isEmpty()) {
        rows.add(Row.of(name, op, "Error", "Table '" + name + "' doesn't exist"));
        rows.add(Row.of(name, op, "status", "Operation failed"));
        continue;
      }
      Table t = table.get();
      switch (op) {
        case "check" -> {
          CheckResult r = t.check();
          for (String problem : r.problems()) {
            rows.add(Row.of(name, op, "error", problem));
          }
          rows.add(Row.of(name, op, "status", r.ok() ? "OK" : "Corrupt"));
        }
        case "optimize" -> {
          // InnoDB rebuilds the table and says so, as MySQL does.
          session.transaction().commit();
          try (var hold =
              session
                  .engine()
                  .storage()
                  .backupLock()
                  .enterDdl(java.time.Duration.ofSeconds(session.lockWaitTimeout()))) {
            TableDefinition def = t.definition();
            session.engine().dictionary().replaceTable(def, (src, dst) -> copy(src, dst));
          }
          rows.add(
              Row.of(
                  name,
                  op,
                  "note",
                  "Table does not support optimize, doing recreate + analyze instead"));
          rows.add(Row.of(name, op, "status", "OK"));
        }
        default -> rows.add(Row.of(name, op, "status", "OK"));
      }
    }
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Table", 64),
            ColumnMeta.text("Op", 10),
            ColumnMeta.text("Msg_type", 10),
            ColumnMeta.text("Msg_text", 1024));
    return new ResultSet(columns, rows);
  }

  private void copy(Table src, Table dst) {
    var trx = session.engine().transactions().begin();
    try (RowCursor c =
        src.scan(trx, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
      while (c.next()) {
        dst.insert(trx, c.row());
      }
      trx.commit();
    } catch (RuntimeException e) {
      trx.rollback();
      throw e;
    }
  }

  private StatementResult checksum(List<TableName> tables) {
    List<Row> rows = new ArrayList<>();
    for (TableName n : tables) {
      String schema = session.schemaOf(n.schema());
      var table = session.findTable(schema, n.name());
      if (table.isEmpty()) {
        rows.add(Row.of(schema + "." + n.name(), null));
        continue;
      }
      Table t = table.get();
      long sum =
          session
              .transaction()
              .statement(
                  () -> {
                    long total = 0;
                    TableDefinition def = t.definition();
                    try (RowCursor c =
                        t.scan(
                            session.transaction().current(),
                            null,
                            KeyBound.UNBOUNDED,
                            KeyBound.UNBOUNDED,
                            true,
                            ReadMode.CONSISTENT)) {
                      while (c.next()) {
                        Value[] values = StoredRows.values(def, c.row());
                        CRC32 crc = new CRC32();
                        for (Value v : values) {
                          byte[] b = v.isNull() ? new byte[] {(byte) 0xff} : v.bytes();
                          crc.update(b);
                          crc.update(0);
                        }
                        total += crc.getValue();
                      }
                    }
                    return total & 0xFFFF_FFFFL;
                  });
      rows.add(Row.of(schema + "." + n.name(), Long.toString(sum)));
    }
    return new ResultSet(
        List.of(ColumnMeta.text("Table", 64), ColumnMeta.integer("Checksum", 21)), rows);
  }
}
