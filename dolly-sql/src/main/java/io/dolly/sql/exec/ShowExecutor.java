package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.VarScope;
import io.dolly.sql.charset.Collation;
import io.dolly.sql.charset.Collations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** The SHOW statements that need no storage. */
final class ShowExecutor {
  /** Plugins compiled into Dolly, in SHOW PLUGINS order (Name, Type). */
  static final List<String> BUILT_IN_PLUGINS =
      List.of(
          "binlog",
          "mysql_native_password",
          "sha256_password",
          "caching_sha2_password",
          "sha2_cache_cleaner",
          "InnoDB",
          "PERFORMANCE_SCHEMA",
          "clone");

  private static final List<String> PLUGIN_TYPES =
      List.of(
          "STORAGE ENGINE",
          "AUTHENTICATION",
          "AUTHENTICATION",
          "AUTHENTICATION",
          "AUDIT",
          "STORAGE ENGINE",
          "STORAGE ENGINE",
          "CLONE");

  private final SqlSession session;

  ShowExecutor(SqlSession session) {
    this.session = session;
  }

  StatementResult show(Admin.Show s) {
    return switch (s.kind()) {
      case DATABASES -> databases(s);
      case TABLES -> tables(s);
      case VARIABLES -> variables(s);
      case STATUS -> status(s);
      case WARNINGS -> warnings(false);
      case ERRORS -> warnings(true);
      case COUNT_WARNINGS -> count("@@session.warning_count", session.warningCount());
      case COUNT_ERRORS -> count("@@session.error_count", session.errorCount());
      case PROCESSLIST -> processList(s.full());
      case PLUGINS -> plugins(s);
      case ENGINES -> engines();
      case GRANTS -> new AccountExecutor(session).showGrants(s.user());
      case CHARACTER_SET -> charsets(s);
      case COLLATION -> collations(s);
      case CREATE_DATABASE -> {
        ResultSet stored =
            session.engine().dictionary() == null
                ? null
                : new CatalogShow(session).createDatabase(s.name());
        yield stored != null ? stored : createDatabase(s.name());
      }
      case COLUMNS -> filtered(catalog(s).columns(s), s);
      case INDEX -> filtered(catalog(s).index(s), s);
      case CREATE_TABLE -> catalog(s).createTable(s);
      case TABLE_STATUS -> {
        String db = database(s);
        CatalogShow show = new CatalogShow(session);
        yield filtered(show.tableStatusColumns(), show.tableStatus(db), s);
      }
      case CREATE_USER -> throw SyntaxErrors.unsupported("SHOW CREATE USER");
      case MASTER_STATUS, BINARY_LOGS -> throw SyntaxErrors.unsupported("binary logs");
      case TRIGGERS, EVENTS -> {
        database(s);
        yield new ResultSet(StoredPrograms.showColumns(s.kind()), List.of());
      }
      case FUNCTION_STATUS, PROCEDURE_STATUS ->
          new ResultSet(StoredPrograms.showColumns(s.kind()), List.of());
    };
  }

  private StatementResult databases(Admin.Show s) {
    List<Row> rows = new ArrayList<>();
    for (String db : session.engine().schemas()) {
      if (session.privileges().seesDatabase(db)) {
        rows.add(Row.of(db));
      }
    }
    List<ColumnMeta> columns = List.of(ColumnMeta.text("Database", 64));
    return filtered(columns, rows, s);
  }

  private String database(Admin.Show s) {
    String db = s.from() != null ? s.from() : session.currentDatabase();
    if (db == null) {
      throw new MysqlException(ErrorCode.ER_NO_DB_ERROR);
    }
    session.privileges().requireAccess(db);
    if (!session.engine().schemaExists(db)) {
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, db);
    }
    return db.toLowerCase(Locale.ROOT);
  }

  private StatementResult tables(Admin.Show s) {
    String db = database(s);
    List<ColumnMeta> columns = new ArrayList<>();
    columns.add(ColumnMeta.text("Tables_in_" + db, 64));
    if (s.full()) {
      columns.add(ColumnMeta.text("Table_type", 64));
    }
    List<Row> rows = new ArrayList<>();
    for (String name : new CatalogShow(session).tableNames(db)) {
      rows.add(s.full() ? Row.of(name, "BASE TABLE") : Row.of(name));
    }
    return filtered(columns, rows, s);
  }

  /** SHOW COLUMNS/INDEX/CREATE TABLE need a stored table: 1146 without storage, as before. */
  private CatalogShow catalog(Admin.Show s) {
    if (session.engine().dictionary() == null) {
      throw session.missingTable(s.table().schema(), s.table().name());
    }
    return new CatalogShow(session);
  }

  private StatementResult filtered(ResultSet rs, Admin.Show s) {
    return filtered(rs.columns(), rs.rows(), s);
  }

  private StatementResult variables(Admin.Show s) {
    SortedMap<String, String> values =
        s.scope() == VarScope.GLOBAL
            ? session.engine().variables().showGlobal()
            : session.variables().show();
    return nameValue(values, s);
  }

  private StatementResult status(Admin.Show s) {
    var status = session.engine().status();
    SortedMap<String, String> values =
        s.scope() == VarScope.GLOBAL
            ? status.showGlobal(session.engine().server())
            : status.showSession(session.sessionStatus(), session.engine().server());
    return nameValue(values, s);
  }

  private StatementResult nameValue(Map<String, String> values, Admin.Show s) {
    List<Row> rows = new ArrayList<>(values.size());
    values.forEach((k, v) -> rows.add(Row.of(k, v)));
    List<ColumnMeta> columns =
        List.of(ColumnMeta.text("Variable_name", 64), ColumnMeta.text("Value", 1024));
    return filtered(columns, rows, s);
  }

  private StatementResult warnings(boolean errorsOnly) {
    List<Row> rows = new ArrayList<>();
    for (Warning w : session.warnings()) {
      if (!errorsOnly || w.level().equals("Error")) {
        rows.add(Row.of(w.level(), String.valueOf(w.code()), w.message()));
      }
    }
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Level", 7),
            ColumnMeta.integer("Code", 4),
            ColumnMeta.text("Message", 512));
    return new ResultSet(columns, rows);
  }

  private StatementResult count(String name, long n) {
    return new ResultSet(List.of(ColumnMeta.integer(name, 21)), List.of(Row.of(String.valueOf(n))));
  }

  private StatementResult processList(boolean full) {
    List<Row> rows = new ArrayList<>();
    for (ProcessInfo p : ProcessViews.visible(session)) {
      String info = SecretRedactor.redact(p.info());
      if (info != null && !full && info.length() > 100) {
        info = info.substring(0, 100);
      }
      rows.add(
          Row.of(
              String.valueOf(p.id()),
              p.user(),
              p.host(),
              p.database(),
              p.command(),
              String.valueOf(p.timeSeconds()),
              p.state(),
              info));
    }
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.integer("Id", 21),
            ColumnMeta.text("User", 32),
            ColumnMeta.text("Host", 261),
            ColumnMeta.text("db", 64),
            ColumnMeta.text("Command", 16),
            ColumnMeta.integer("Time", 7),
            ColumnMeta.text("State", 30),
            ColumnMeta.text("Info", full ? 65535 : 100));
    return new ResultSet(columns, rows);
  }

  private StatementResult plugins(Admin.Show s) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < BUILT_IN_PLUGINS.size(); i++) {
      rows.add(Row.of(BUILT_IN_PLUGINS.get(i), "ACTIVE", PLUGIN_TYPES.get(i), null, "GPL"));
    }
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Name", 64),
            ColumnMeta.text("Status", 10),
            ColumnMeta.text("Type", 80),
            ColumnMeta.text("Library", 64),
            ColumnMeta.text("License", 80));
    return filtered(columns, rows, s);
  }

  private StatementResult engines() {
    List<Row> rows =
        List.of(
            Row.of(
                "InnoDB",
                "DEFAULT",
                "Supports transactions, row-level locking, and foreign keys",
                "YES",
                "YES",
                "YES"),
            Row.of("PERFORMANCE_SCHEMA", "YES", "Performance Schema", "NO", "NO", "NO"));
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Engine", 64),
            ColumnMeta.text("Support", 8),
            ColumnMeta.text("Comment", 80),
            ColumnMeta.text("Transactions", 3),
            ColumnMeta.text("XA", 3),
            ColumnMeta.text("Savepoints", 3));
    return new ResultSet(columns, rows);
  }

  private StatementResult charsets(Admin.Show s) {
    List<Row> rows = new ArrayList<>();
    for (Collation c : Collations.ALL) {
      if (c.isDefault()) {
        rows.add(Row.of(c.charset(), c.charset(), c.name(), String.valueOf(c.maxBytes())));
      }
    }
    rows.sort((a, b) -> a.string(0).compareTo(b.string(0)));
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Charset", 64),
            ColumnMeta.text("Description", 2048),
            ColumnMeta.text("Default collation", 64),
            ColumnMeta.integer("Maxlen", 10));
    return filtered(columns, rows, s);
  }

  private StatementResult collations(Admin.Show s) {
    List<Row> rows = new ArrayList<>();
    for (Collation c : Collations.ALL) {
      rows.add(
          Row.of(
              c.name(),
              c.charset(),
              String.valueOf(c.id()),
              c.isDefault() ? "Yes" : "",
              "Yes",
              "1",
              c.name().contains("0900") ? "NO PAD" : "PAD SPACE"));
    }
    rows.sort((a, b) -> a.string(0).compareTo(b.string(0)));
    List<ColumnMeta> columns =
        List.of(
            ColumnMeta.text("Collation", 64),
            ColumnMeta.text("Charset", 64),
            ColumnMeta.integer("Id", 20),
            ColumnMeta.text("Default", 3),
            ColumnMeta.text("Compiled", 3),
            ColumnMeta.integer("Sortlen", 10),
            ColumnMeta.text("Pad_attribute", 9));
    return filtered(columns, rows, s);
  }

  private StatementResult createDatabase(String name) {
    if (!session.engine().schemaExists(name)) {
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, name);
    }
    String ddl =
        "CREATE DATABASE `"
            + name.toLowerCase(Locale.ROOT)
            + "` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */"
            + " /*!80016 DEFAULT ENCRYPTION='N' */";
    return new ResultSet(
        List.of(ColumnMeta.text("Database", 64), ColumnMeta.text("Create Database", 1024)),
        List.of(Row.of(name.toLowerCase(Locale.ROOT), ddl)));
  }

  /** Applies LIKE (to the first column, case-insensitively) or WHERE (over the columns). */
  private StatementResult filtered(List<ColumnMeta> columns, List<Row> rows, Admin.Show s) {
    if (s.like() == null && s.where() == null) {
      return new ResultSet(columns, rows);
    }
    List<Row> out = new ArrayList<>();
    for (Row row : rows) {
      if (s.like() != null) {
        if (LikePattern.matches(s.like(), '\\', row.string(0), true)) {
          out.add(row);
        }
      } else if (Boolean.TRUE.equals(whereHolds(s.where(), columns, row))) {
        out.add(row);
      }
    }
    return new ResultSet(columns, out);
  }

  private Boolean whereHolds(Expression where, List<ColumnMeta> columns, Row row) {
    EvalContext rowContext =
        new SessionEvalContext(session) {
          @Override
          public Value column(List<String> parts) {
            String name = parts.getLast();
            for (int i = 0; i < columns.size(); i++) {
              if (columns.get(i).name().equalsIgnoreCase(name)) {
                return Value.of(row.string(i));
              }
            }
            return super.column(parts);
          }
        };
    return new Evaluator(rowContext).eval(where).truth();
  }
}
