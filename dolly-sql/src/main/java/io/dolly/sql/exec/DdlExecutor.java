package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.AlterAction;
import io.dolly.sql.ast.ColumnDef;
import io.dolly.sql.ast.DataType;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.TableOption;
import io.dolly.storage.BackupLock;
import io.dolly.storage.StorageException;
import io.dolly.storage.catalog.ColumnDefinition;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.DuplicateKeyException;
import io.dolly.storage.catalog.KeyBound;
import io.dolly.storage.catalog.ReadMode;
import io.dolly.storage.catalog.RowCursor;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.catalog.SchemaExistsException;
import io.dolly.storage.catalog.Table;
import io.dolly.storage.catalog.TableDefinition;
import io.dolly.storage.txn.LockWaitTimeoutException;
import io.dolly.storage.txn.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CREATE/DROP/ALTER DATABASE, CREATE/DROP/TRUNCATE/RENAME/ALTER TABLE, CREATE/DROP INDEX and the
 * maintenance statements. Each first commits the session's transaction (MySQL's implicit commit),
 * then holds the backup lock for its duration, so that DDL waits for a running clone and fails with
 * 1205 after lock_wait_timeout. Table changes other than renames build the new definition and let
 * the dictionary swap in a new table, copying the rows.
 */
final class DdlExecutor {
  private final SqlSession session;

  DdlExecutor(SqlSession session) {
    this.session = session;
  }

  StatementResult execute(Ddl d) {
    Dictionary dictionary = session.engine().dictionary();
    if (dictionary == null) {
      throw SyntaxErrors.unsupported(CommandNames.describe(d));
    }
    if (d instanceof Ddl.Maintenance m) {
      checkPrivileges(m);
      beginDdl(dictionary, m);
      try {
        return new MaintenanceExecutor(session).run(m);
      } catch (IllegalArgumentException e) {
        throw StorageErrors.unexpected(e);
      } finally {
        session.engine().tableLocks().endDdl(session);
      }
    }
    checkPrivileges(d);
    session.transaction().commit();
    session.endTransaction();
    session.engine().tableLocks().endTransaction(session);
    beginDdl(dictionary, d);
    try (BackupLock.Hold hold = enterDdl()) {
      return switch (d) {
        case Ddl.CreateDatabase c -> createDatabase(dictionary, c);
        case Ddl.DropDatabase c -> dropDatabase(dictionary, c);
        case Ddl.AlterDatabase c -> alterDatabase(dictionary, c);
        case Ddl.CreateTable c -> createTable(dictionary, c);
        case Ddl.DropTable c -> dropTables(dictionary, c);
        case Ddl.TruncateTable c -> {
          Table t = session.storageTable(c.table().schema(), c.table().name());
          dictionary.replaceTable(t.definition(), null);
          yield UpdateResult.OK;
        }
        case Ddl.RenameTable c -> rename(dictionary, c);
        case Ddl.CreateIndex c -> {
          Table t = session.storageTable(c.table().schema(), c.table().name());
          TableBuilder b = builder(t.definition());
          b.addIndex(c.index());
          yield rebuild(dictionary, t, b);
        }
        case Ddl.DropIndex c -> {
          Table t = session.storageTable(c.table().schema(), c.table().name());
          TableBuilder b = builder(t.definition());
          b.dropIndex(c.name());
          yield rebuild(dictionary, t, b);
        }
        case Ddl.AlterTable c -> alter(dictionary, c);
        case Ddl.Maintenance m -> throw new IllegalStateException("handled above");
      };
    } catch (DuplicateKeyException e) {
      throw new MysqlException(ErrorCode.ER_DUP_ENTRY, e.keyText(), e.indexName());
    } catch (StorageException | IllegalArgumentException e) {
      throw StorageErrors.unexpected(e);
    } finally {
      session.engine().tableLocks().endDdl(session);
    }
  }

  /** Takes the tables {@code d} changes away from other sessions (metadata locks). */
  private void beginDdl(Dictionary dictionary, Ddl d) {
    List<TableName> names =
        switch (d) {
          case Ddl.CreateTable c -> List.of(c.name());
          case Ddl.DropTable c -> c.tables();
          case Ddl.TruncateTable c -> List.of(c.table());
          case Ddl.RenameTable c -> {
            List<TableName> all = new ArrayList<>(c.from());
            all.addAll(c.to());
            yield all;
          }
          case Ddl.CreateIndex c -> List.of(c.table());
          case Ddl.DropIndex c -> List.of(c.table());
          case Ddl.AlterTable c -> {
            List<TableName> all = new ArrayList<>(List.of(c.table()));
            c.actions().stream()
                .filter(a -> a instanceof AlterAction.Rename)
                .forEach(a -> all.add(((AlterAction.Rename) a).to()));
            yield all;
          }
          case Ddl.Maintenance m -> m.tables();
          case Ddl.DropDatabase c -> {
            String schema = c.name().toLowerCase(Locale.ROOT);
            yield dictionary.schema(schema).isEmpty()
                ? List.of()
                : dictionary.tableNames(schema).stream()
                    .map(n -> new TableName(schema, n))
                    .toList();
          }
          case Ddl.CreateDatabase c -> List.of();
          case Ddl.AlterDatabase c -> List.of();
        };
    List<String> keys = new ArrayList<>();
    for (TableName n : names) {
      keys.add(TableLocks.key(session.schemaOf(n.schema()), n.name()));
    }
    if (!keys.isEmpty()) {
      session.engine().tableLocks().beginDdl(session, keys, session.lockWaitTimeout());
    }
  }

  private void checkPrivileges(Ddl d) {
    switch (d) {
      case Ddl.CreateDatabase c -> session.requireDatabase("CREATE", c.name());
      case Ddl.DropDatabase c -> session.requireDatabase("DROP", c.name());
      case Ddl.AlterDatabase c ->
          session.requireDatabase("ALTER", c.name() != null ? c.name() : session.schemaOf(null));
      case Ddl.CreateTable c -> session.requireTable("CREATE", c.name().schema(), c.name().name());
      case Ddl.DropTable c ->
          c.tables().forEach(t -> session.requireTable("DROP", t.schema(), t.name()));
      case Ddl.TruncateTable c ->
          session.requireTable("DROP", c.table().schema(), c.table().name());
      case Ddl.RenameTable c -> {
        c.from().forEach(t -> session.requireTable("ALTER", t.schema(), t.name()));
        c.from().forEach(t -> session.requireTable("DROP", t.schema(), t.name()));
        c.to().forEach(t -> session.requireTable("CREATE", t.schema(), t.name()));
      }
      case Ddl.CreateIndex c -> session.requireTable("INDEX", c.table().schema(), c.table().name());
      case Ddl.DropIndex c -> session.requireTable("INDEX", c.table().schema(), c.table().name());
      case Ddl.AlterTable c -> session.requireTable("ALTER", c.table().schema(), c.table().name());
      case Ddl.Maintenance m ->
          m.tables().forEach(t -> session.requireTable("SELECT", t.schema(), t.name()));
    }
  }

  private BackupLock.Hold enterDdl() {
    try {
      return session
          .engine()
          .storage()
          .backupLock()
          .enterDdl(Duration.ofSeconds(session.lockWaitTimeout()));
    } catch (LockWaitTimeoutException e) {
      throw new MysqlException(ErrorCode.ER_LOCK_WAIT_TIMEOUT);
    }
  }

  // ---- databases

  private StatementResult createDatabase(Dictionary dictionary, Ddl.CreateDatabase c) {
    String name = c.name().toLowerCase(Locale.ROOT);
    try {
      if (session.engine().schemaExists(name)) {
        throw new SchemaExistsException(name);
      }
      // Another session may create it between the check and here: the dictionary refuses then.
      dictionary.createSchema(schemaDefinition(name, c.options(), null));
    } catch (SchemaExistsException e) {
      if (!c.ifNotExists()) {
        throw new MysqlException(ErrorCode.ER_DB_CREATE_EXISTS, c.name());
      }
      note(ErrorCode.ER_DB_CREATE_EXISTS, c.name());
    }
    return new UpdateResult(1, 0, "");
  }

  private static SchemaDefinition schemaDefinition(
      String name, List<TableOption> options, SchemaDefinition base) {
    String charset = base == null ? "utf8mb4" : base.charset();
    String collation = base == null ? "utf8mb4_0900_ai_ci" : base.collation();
    boolean encryption = base != null && base.defaultEncryption();
    boolean readOnly = base != null && base.readOnly();
    for (TableOption o : options) {
      switch (o.name()) {
        case "DEFAULT CHARSET", "CHARSET", "CHARACTER SET" -> {
          charset = o.value().toLowerCase(Locale.ROOT);
          collation = charset.equals("binary") ? "binary" : charset + "_0900_ai_ci";
          if (charset.equals("latin1")) {
            collation = "latin1_swedish_ci";
          }
        }
        case "COLLATE", "DEFAULT COLLATE" -> collation = o.value().toLowerCase(Locale.ROOT);
        case "ENCRYPTION", "DEFAULT ENCRYPTION" -> encryption = o.value().equalsIgnoreCase("Y");
        case "READ ONLY", "READ_ONLY" -> readOnly = o.value().equals("1");
        default -> {}
      }
    }
    return new SchemaDefinition(name, charset, collation, encryption, readOnly);
  }

  private StatementResult dropDatabase(Dictionary dictionary, Ddl.DropDatabase c) {
    String name = c.name().toLowerCase(Locale.ROOT);
    if (dictionary.schema(name).isEmpty()) {
      if (c.ifExists()) {
        note(ErrorCode.ER_DB_DROP_EXISTS, c.name());
        return UpdateResult.OK;
      }
      throw new MysqlException(ErrorCode.ER_DB_DROP_EXISTS, c.name());
    }
    if (name.equals("mysql")) {
      throw new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "dropping the mysql schema");
    }
    int tables = dictionary.tableNames(name).size();
    dictionary.dropSchema(name);
    if (name.equals(session.currentDatabase())) {
      session.forgetDatabase();
    }
    return new UpdateResult(tables, 0, "");
  }

  private StatementResult alterDatabase(Dictionary dictionary, Ddl.AlterDatabase c) {
    String name = c.name() != null ? c.name().toLowerCase(Locale.ROOT) : session.schemaOf(null);
    SchemaDefinition base =
        dictionary
            .schema(name)
            .orElseThrow(() -> new MysqlException(ErrorCode.ER_BAD_DB_ERROR, name));
    dictionary.alterSchema(schemaDefinition(name, c.options(), base));
    return new UpdateResult(1, 0, "");
  }

  // ---- tables

  private String existingSchema(Dictionary dictionary, String schema) {
    String db = session.schemaOf(schema);
    if (dictionary.schema(db).isEmpty()) {
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, db);
    }
    return db;
  }

  private StatementResult createTable(Dictionary dictionary, Ddl.CreateTable c) {
    if (c.temporary()) {
      throw SyntaxErrors.unsupported("CREATE TEMPORARY TABLE");
    }
    String schema = existingSchema(dictionary, c.name().schema());
    if (session.findTable(schema, c.name().name()).isPresent()) {
      if (c.ifNotExists()) {
        note(ErrorCode.ER_TABLE_EXISTS_ERROR, c.name().name());
        return UpdateResult.OK;
      }
      throw new MysqlException(ErrorCode.ER_TABLE_EXISTS_ERROR, c.name().name());
    }
    TableBuilder b;
    if (c.like() != null) {
      Table source = session.storageTable(c.like().schema(), c.like().name());
      b = new TableBuilder(session, source.definition(), schema, c.name().name());
    } else {
      b = new TableBuilder(session, schema, c.name().name());
      SchemaDefinition s = dictionary.schema(schema).orElseThrow();
      b.option(new TableOption("DEFAULT CHARSET", s.charset(), false));
      b.option(new TableOption("COLLATE", s.collation(), false));
      for (TableOption o : c.options()) {
        b.option(o);
      }
      for (ColumnDef col : c.columns()) {
        b.addColumn(col, -1);
      }
    }
    QueryExecutor.Result selected = null;
    if (c.asSelect() != null) {
      selected = new QueryExecutor(session, null).run(c.asSelect());
      for (ColumnMeta m : selected.columns()) {
        if (b.columnIndex(m.name()) < 0) {
          b.addColumn(
              new ColumnDef(m.name(), typeOf(m), null, null, null, false, false, false, null), -1);
        }
      }
    }
    for (var index : c.indexes()) {
      b.addIndex(index);
    }
    String auto = b.option("auto_increment");
    Table table = dictionary.createTable(b.build());
    if (auto != null) {
      table.autoIncrement(Long.parseLong(auto));
    }
    if (selected != null) {
      return fill(table, selected);
    }
    return UpdateResult.OK;
  }

  /** CREATE TABLE ... SELECT: the rows go in by name, as INSERT would put them. */
  private StatementResult fill(Table table, QueryExecutor.Result selected) {
    TableDefinition def = table.definition();
    Transaction trx = session.transaction().current();
    long rows = 0;
    try {
      for (Value[] values : selected.rows()) {
        rows++;
        Object[] stored = new Object[def.columns().size()];
        for (int i = 0; i < def.columns().size(); i++) {
          ColumnDefinition c = def.columns().get(i);
          Value v = ColumnDefaults.value(c, session);
          for (int k = 0; k < selected.columns().size(); k++) {
            if (selected.columns().get(k).name().equalsIgnoreCase(c.name())) {
              v = values[k];
            }
          }
          stored[i] =
              StoredValues.toStored(
                  v, new StoredValues.Target(c, rows, session.strictMode(), session::warn));
        }
        table.insert(trx, stored);
      }
      session.transaction().commit();
    } catch (RuntimeException e) {
      session.transaction().rollback();
      session.engine().dictionary().dropTable(def.schema(), def.name());
      if (e instanceof DuplicateKeyException d) {
        throw StorageErrors.duplicate(def.name(), d);
      }
      throw e;
    }
    return new UpdateResult(
        rows,
        0,
        "Records: %d  Duplicates: 0  Warnings: %d".formatted(rows, session.warningCount()));
  }

  /** A column type for a result column of CREATE TABLE ... SELECT. */
  private static DataType typeOf(ColumnMeta m) {
    boolean unsigned = (m.flags() & io.dolly.protocol.ColumnFlags.UNSIGNED) != 0;
    return switch (m.type()) {
      case TINY -> new DataType("TINYINT", null, null, List.of(), unsigned, false, null, null);
      case SHORT -> new DataType("SMALLINT", null, null, List.of(), unsigned, false, null, null);
      case INT24 -> new DataType("MEDIUMINT", null, null, List.of(), unsigned, false, null, null);
      case LONG -> new DataType("INT", null, null, List.of(), unsigned, false, null, null);
      case LONGLONG -> new DataType("BIGINT", null, null, List.of(), unsigned, false, null, null);
      case NEWDECIMAL, DECIMAL ->
          new DataType(
              "DECIMAL",
              (int) Math.min(65, Math.max(1, m.length() - 2)),
              Math.min(30, m.decimals()),
              List.of(),
              false,
              false,
              null,
              null);
      case FLOAT -> DataType.of("FLOAT");
      case DOUBLE -> DataType.of("DOUBLE");
      case DATE -> DataType.of("DATE");
      case TIME -> DataType.of("TIME");
      case DATETIME -> DataType.of("DATETIME");
      case TIMESTAMP -> DataType.of("TIMESTAMP");
      case YEAR -> DataType.of("YEAR");
      case BLOB, MEDIUM_BLOB, LONG_BLOB, TINY_BLOB, JSON ->
          DataType.of(m.collationId() == ColumnTyper.BINARY_COLLATION ? "LONGBLOB" : "LONGTEXT");
      default -> {
        boolean binary = m.collationId() == ColumnTyper.BINARY_COLLATION;
        long chars = binary ? m.length() : m.length() / 4;
        yield new DataType(
            binary ? "VARBINARY" : "VARCHAR",
            (int) Math.max(1, Math.min(16383, chars)),
            null,
            List.of(),
            false,
            false,
            null,
            null);
      }
    };
  }

  private StatementResult dropTables(Dictionary dictionary, Ddl.DropTable c) {
    if (c.temporary()) {
      throw SyntaxErrors.unsupported("DROP TEMPORARY TABLE");
    }
    List<String> missing = new ArrayList<>();
    for (TableName n : c.tables()) {
      String schema = session.schemaOf(n.schema());
      var table = session.findTable(schema, n.name());
      if (table.isEmpty()) {
        missing.add(schema + "." + n.name());
        continue;
      }
      TableDefinition def = table.get().definition();
      dictionary.dropTable(def.schema(), def.name());
    }
    if (!missing.isEmpty()) {
      if (!c.ifExists()) {
        throw new MysqlException(ErrorCode.ER_BAD_TABLE_ERROR, String.join(",", missing));
      }
      for (String m : missing) {
        note(ErrorCode.ER_BAD_TABLE_ERROR, m);
      }
    }
    return UpdateResult.OK;
  }

  private StatementResult rename(Dictionary dictionary, Ddl.RenameTable c) {
    for (int i = 0; i < c.from().size(); i++) {
      TableName from = c.from().get(i);
      TableName to = c.to().get(i);
      Table t = session.storageTable(from.schema(), from.name());
      String toSchema = existingSchema(dictionary, to.schema());
      if (session.findTable(toSchema, to.name()).isPresent()) {
        throw new MysqlException(ErrorCode.ER_TABLE_EXISTS_ERROR, to.name());
      }
      dictionary.renameTable(t.definition().schema(), t.definition().name(), toSchema, to.name());
    }
    return UpdateResult.OK;
  }

  // ---- ALTER TABLE

  private TableBuilder builder(TableDefinition def) {
    return new TableBuilder(session, def, def.schema(), def.name());
  }

  private StatementResult alter(Dictionary dictionary, Ddl.AlterTable c) {
    Table t = session.storageTable(c.table().schema(), c.table().name());
    TableDefinition old = t.definition();
    TableBuilder b = builder(old);
    // Where each new column's values come from: the old column's name (renames tracked).
    List<String> sources =
        new ArrayList<>(old.columns().stream().map(ColumnDefinition::name).toList());
    TableName renameTo = null;
    Long autoIncrement = null;
    boolean rebuild = false;
    for (AlterAction a : c.actions()) {
      switch (a) {
        case AlterAction.AddColumn add -> {
          int at = position(b, add.position());
          b.addColumn(add.column(), at);
          sources.add(at < 0 ? sources.size() : at, null);
          rebuild = true;
        }
        case AlterAction.DropColumn drop -> {
          int i = b.columnIndex(drop.name());
          b.dropColumn(drop.name());
          sources.remove(i);
          rebuild = true;
        }
        case AlterAction.ModifyColumn m -> {
          rebuild = true;
          int i = b.columnIndex(m.column().name());
          String source = i < 0 ? null : sources.remove(i);
          b.replaceColumn(m.column().name(), m.column(), position(b, m.position()));
          sources.add(b.columnIndex(m.column().name()), source);
        }
        case AlterAction.ChangeColumn ch -> {
          rebuild = true;
          int i = b.columnIndex(ch.oldName());
          String source = i < 0 ? null : sources.remove(i);
          b.replaceColumn(ch.oldName(), ch.column(), position(b, ch.position()));
          sources.add(b.columnIndex(ch.column().name()), source);
        }
        case AlterAction.AddIndex add -> {
          b.addIndex(add.index());
          rebuild = true;
        }
        case AlterAction.DropIndex drop -> {
          b.dropIndex(drop.name());
          rebuild = true;
        }
        case AlterAction.DropPrimaryKey drop -> {
          b.dropPrimaryKey();
          rebuild = true;
        }
        case AlterAction.Rename r -> renameTo = r.to();
        case AlterAction.Keys k ->
            session.warn(
                new Warning(
                    "Note",
                    ErrorCode.ER_ILLEGAL_HA.number(),
                    ErrorCode.ER_ILLEGAL_HA.message(old.name())));
        case AlterAction.Option o -> {
          if (o.option().name().equals("AUTO_INCREMENT")) {
            autoIncrement = Long.parseLong(o.option().value());
          } else if (!o.option().name().equals("ALGORITHM") && !o.option().name().equals("LOCK")) {
            b.option(o.option());
            rebuild = true;
          }
        }
      }
    }
    Table result = t;
    if (rebuild) {
      result = copyInto(dictionary, t, b.build(), sources);
    }
    if (autoIncrement != null) {
      result.autoIncrement(Math.max(autoIncrement, 1));
    }
    if (renameTo != null) {
      String toSchema = existingSchema(dictionary, renameTo.schema());
      if (session.findTable(toSchema, renameTo.name()).isPresent()) {
        throw new MysqlException(ErrorCode.ER_TABLE_EXISTS_ERROR, renameTo.name());
      }
      dictionary.renameTable(old.schema(), old.name(), toSchema, renameTo.name());
    }
    return new UpdateResult(0, 0, "Records: 0  Duplicates: 0  Warnings: 0");
  }

  private static int position(TableBuilder b, AlterAction.Position p) {
    if (p == null) {
      return -1;
    }
    if (p.first()) {
      return 0;
    }
    int i = b.columnIndex(p.after());
    if (i < 0) {
      throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, p.after(), "table");
    }
    return i + 1;
  }

  /** CREATE/DROP INDEX: the same columns, new indexes. */
  private StatementResult rebuild(Dictionary dictionary, Table t, TableBuilder b) {
    List<String> sources = t.definition().columns().stream().map(ColumnDefinition::name).toList();
    copyInto(dictionary, t, b.build(), sources);
    return new UpdateResult(0, 0, "Records: 0  Duplicates: 0  Warnings: 0");
  }

  /**
   * Replaces the table by one with the new definition and copies every row, column {@code i} taken
   * from the old column named {@code sources[i]} (null: the new column's default).
   */
  private Table copyInto(
      Dictionary dictionary, Table old, TableDefinition def, List<String> sources) {
    TableDefinition from = old.definition();
    int[] map = new int[def.columns().size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = -1;
      String s = sources.get(i);
      for (int k = 0; s != null && k < from.columns().size(); k++) {
        if (from.columns().get(k).name().equalsIgnoreCase(s)) {
          map[i] = k;
        }
      }
    }
    long nextAuto = old.autoIncrement();
    Table created =
        dictionary.replaceTable(
            def,
            (src, dst) -> {
              Transaction trx = session.engine().transactions().begin();
              try {
                copyRows(src, dst, def, map, trx);
                trx.commit();
              } catch (RuntimeException e) {
                trx.rollback();
                throw e;
              }
            });
    if (def.columns().stream().anyMatch(ColumnDefinition::autoIncrement)) {
      created.autoIncrement(Math.max(created.autoIncrement(), nextAuto));
    }
    return created;
  }

  private void copyRows(Table src, Table dst, TableDefinition def, int[] map, Transaction trx) {
    TableDefinition from = src.definition();
    long row = 0;
    try (RowCursor cursor =
        src.scan(trx, null, KeyBound.UNBOUNDED, KeyBound.UNBOUNDED, true, ReadMode.CONSISTENT)) {
      while (cursor.next()) {
        row++;
        Object[] old = cursor.row();
        Object[] stored = new Object[map.length];
        for (int i = 0; i < map.length; i++) {
          ColumnDefinition c = def.columns().get(i);
          Value v =
              map[i] >= 0
                  ? StoredValues.toValue(from.columns().get(map[i]).spec(), old[map[i]])
                  : ColumnDefaults.value(c, session);
          if (v.isNull() && !c.spec().nullable() && !c.autoIncrement()) {
            if (session.strictMode() && map[i] >= 0) {
              throw new MysqlException(ErrorCode.ER_INVALID_USE_OF_NULL);
            }
            v = ColumnDefaults.implicit(c);
          }
          stored[i] =
              StoredValues.toStored(
                  v, new StoredValues.Target(c, row, session.strictMode(), session::warn));
        }
        try {
          dst.insert(trx, stored);
        } catch (DuplicateKeyException e) {
          throw StorageErrors.duplicate(def.name(), e);
        }
      }
    }
  }

  private void note(ErrorCode code, Object... args) {
    session.warn(new Warning("Note", code.number(), code.message(args)));
  }
}
