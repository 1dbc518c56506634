package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.account.HostPattern;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Ddl;
import io.dolly.sql.ast.Query;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.charset.Collation;
import io.dolly.sql.charset.Collations;
import io.dolly.sql.parse.Parser;
import io.dolly.sql.sysvar.SessionStatus;
import io.dolly.sql.sysvar.SessionVariables;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One client session: runs statements, keeps session variables, user variables, warnings,
 * transaction state and prepared statements. Driven by one connection thread; not thread-safe,
 * except {@link #currentStatementText()} which other threads read for SHOW PROCESSLIST.
 */
public final class SqlSession {
  /** SERVER_STATUS_IN_TRANS. */
  public static final int STATUS_IN_TRANS = 0x0001;

  /** SERVER_STATUS_AUTOCOMMIT. */
  public static final int STATUS_AUTOCOMMIT = 0x0002;

  private final SqlEngine engine;
  private SessionInfo info;
  private final SessionVariables variables;
  private final SessionStatus status = new SessionStatus();
  private final Map<String, Value> userVariables = new HashMap<>();
  private final Map<String, String> prepared = new HashMap<>();
  private final Set<String> savepoints = new LinkedHashSet<>();
  private final SessionTransaction transaction = new SessionTransaction(this);
  private final SessionPrivileges privileges = new SessionPrivileges(this);
  private List<Warning> warnings = new ArrayList<>();
  private String database;
  private boolean inTransaction;
  private boolean passwordExpired;
  private long lastInsertId;
  private long rowCount = -1;
  private long foundRows;
  private LocalDateTime statementTime = LocalDateTime.now();
  private volatile String currentStatement;
  private List<Value> params = List.of();
  private boolean running;
  private volatile boolean killed;
  private volatile boolean closed;

  SqlSession(SqlEngine engine, SessionInfo info) {
    this.engine = engine;
    this.variables = new SessionVariables(engine.variables());
    start(info);
  }

  private void start(SessionInfo newInfo) {
    this.info = newInfo;
    this.passwordExpired = newInfo.passwordExpired();
    this.status.tls(newInfo.tlsCipher(), newInfo.tlsVersion());
    this.killed = false;
    variables.compute("warning_count", () -> (long) warningCount());
    variables.compute("error_count", () -> (long) errorCount());
    variables.compute("last_insert_id", () -> lastInsertId);
    variables.compute("identity", () -> lastInsertId);
    variables.compute("pseudo_thread_id", newInfo::connectionId);
    Collation c = Collations.byId(newInfo.collationId()).orElse(Collations.UTF8MB4_0900_AI_CI);
    variables.setInternal("character_set_client", c.charset());
    variables.setInternal("character_set_connection", c.charset());
    variables.setInternal("character_set_results", c.charset());
    variables.setInternal("collation_connection", c.name());
    database = null;
    if (newInfo.database() != null && !newInfo.database().isEmpty()) {
      useDatabase(newInfo.database());
    }
  }

  // ---- the contract the server drives ----

  /**
   * Runs the {@code ;}-separated statements of {@code sql} one at a time, delivering each result
   * before parsing the next; the first failure is thrown after the earlier results were delivered.
   */
  public void execute(String sql, ResultSink sink) throws IOException {
    Parser parser = new Parser(sql);
    try {
      Statement s = parser.next();
      while (s != null) {
        // Questions counts every statement a client sends, each one of a multi-statement text.
        engine.status().countQuestion(status);
        if (!info.multiStatements() && parser.hasNext()) {
          // Without CLIENT_MULTI_STATEMENTS the text must be one statement.
          throw parser.syntaxErrorAtNext();
        }
        StatementResult r = executeOne(s, parser.lastStatementText());
        boolean more = parser.hasNext();
        sink.result(r, more);
        s = parser.next();
      }
    } catch (MysqlException e) {
      if (!running) {
        // A syntax error: the statement never ran, so its diagnostics replace the previous ones.
        warnings = new ArrayList<>();
      }
      recordError(e);
      throw e;
    } finally {
      running = false;
      currentStatement = null;
    }
  }

  /**
   * COM_STMT_PREPARE: parses one statement with {@code ?} placeholders.
   *
   * @throws MysqlException 1064 on a syntax error, 1295 for statements that cannot be prepared
   */
  public PreparedQuery prepare(String sql) {
    Parser parser = new Parser(sql);
    Statement s = parser.next();
    if (parser.hasNext()) {
      throw new MysqlException(ErrorCode.ER_UNSUPPORTED_PS);
    }
    if (s instanceof Admin.Prepare || s instanceof Admin.Execute || s instanceof Admin.Deallocate) {
      throw new MysqlException(ErrorCode.ER_UNSUPPORTED_PS);
    }
    return new PreparedQuery(s, parser.lastStatementText(), parser.parameterCount());
  }

  /**
   * The columns a prepared statement's result will have (COM_STMT_PREPARE_OK num_columns and their
   * definitions), empty for statements without a result set. Clients such as sysbench decide from
   * this whether to read a result after COM_STMT_EXECUTE.
   */
  public List<ColumnMeta> describe(PreparedQuery query) {
    if (query.statement() instanceof Query q && engine.transactions() != null) {
      return QueryExecutor.describe(this, q);
    }
    return List.of();
  }

  /** COM_STMT_EXECUTE: runs a prepared statement with one value per placeholder. */
  public StatementResult execute(PreparedQuery query, List<Value> parameters) {
    if (parameters.size() != query.parameterCount()) {
      throw new MysqlException(ErrorCode.ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
    }
    engine.status().countQuestion(status);
    return execute(query.statement(), query.text(), parameters);
  }

  /** Runs one parsed statement; used by prepared statements of the binary protocol too. */
  public StatementResult execute(Statement s, String text, List<Value> parameters) {
    this.params = List.copyOf(parameters);
    try {
      return executeOne(s, text);
    } catch (MysqlException e) {
      recordError(e);
      throw e;
    } finally {
      this.params = List.of();
      currentStatement = null;
    }
  }

  /** Runs a statement inside another one (EXECUTE); errors are recorded by the outer one. */
  StatementResult runNested(Statement s, String text) {
    return executeOne(s, text);
  }

  private void recordError(MysqlException e) {
    warnings.add(new Warning("Error", e.errorNumber(), e.getMessage()));
  }

  private StatementResult executeOne(Statement s, String text) {
    running = true;
    currentStatement = SecretRedactor.redact(text);
    // MySQL's sandbox mode: only changing the password, and SET (some clients set session
    // variables before anything else), run until the password is changed.
    if (passwordExpired
        && !(s instanceof Admin.AlterUser)
        && !(s instanceof Admin.SetPassword)
        && !(s instanceof Admin.Set)) {
      throw new MysqlException(ErrorCode.ER_MUST_CHANGE_PASSWORD);
    }
    if (killed) {
      killed = false;
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
    if (!isDiagnostics(s)) {
      warnings = new ArrayList<>();
    }
    statementTime = LocalDateTime.now();
    engine.status().countCommand(status, CommandNames.of(s));
    StatementHandler handler = engine.handler(s);
    if (handler != null) {
      return handler.execute(s, this);
    }
    StatementResult r;
    try {
      r = dispatch(s);
    } finally {
      if (engine.transactions() == null || !transaction.open()) {
        engine.tableLocks().endTransaction(this);
      }
    }
    if (r instanceof UpdateResult u) {
      rowCount = u.affectedRows();
    } else {
      rowCount = -1;
      foundRows = ((ResultSet) r).rows().size();
    }
    return r;
  }

  private static boolean isDiagnostics(Statement s) {
    return s instanceof Admin.Show show
        && switch (show.kind()) {
          case WARNINGS, ERRORS, COUNT_WARNINGS, COUNT_ERRORS -> true;
          default -> false;
        };
  }

  private StatementResult dispatch(Statement s) {
    return switch (s) {
      case Query q -> {
        if (engine.transactions() == null) {
          yield new SelectExecutor(this).select(q);
        }
        yield transaction.statement(() -> new SelectExecutor(this).select(q));
      }
      case Statement.Insert i -> {
        requireStorage(i.table().schema(), i.table().name());
        yield transaction.statement(() -> new InsertExecutor(this).insert(i));
      }
      case Statement.Update u -> {
        requireStorage(null, "UPDATE");
        yield transaction.statement(() -> new UpdateExecutor(this).update(u));
      }
      case Statement.Delete d -> {
        requireStorage(d.table().schema(), d.table().name());
        yield transaction.statement(() -> new UpdateExecutor(this).delete(d));
      }
      case Statement.Explain e -> new ExplainExecutor(this).explain(e);
      case Ddl d -> new DdlExecutor(this).execute(d);
      case Admin a -> new AdminExecutor(this).execute(a);
    };
  }

  /** Without storage (the SQL layer tested alone) no table exists. */
  private void requireStorage(String schema, String table) {
    if (engine.transactions() == null) {
      throw missingTable(schema, table);
    }
  }

  /**
   * A stored table by name: the current database when {@code schema} is null.
   *
   * @throws MysqlException 1046 without a database, 1146 for a table that does not exist
   */
  io.dolly.storage.catalog.Table storageTable(String schema, String table) {
    return lockedForUse(schema, table, false);
  }

  /** {@link #storageTable} for a statement that changes the table's rows. */
  io.dolly.storage.catalog.Table writableTable(String schema, String table) {
    return lockedForUse(schema, table, true);
  }

  private io.dolly.storage.catalog.Table lockedForUse(String schema, String table, boolean write) {
    io.dolly.storage.catalog.Table t = existingTable(schema, table);
    engine
        .tableLocks()
        .access(this, t.definition().schema(), t.definition().name(), write, lockWaitTimeout());
    // A DDL this waited for may have replaced the table (ALTER, TRUNCATE) or dropped it.
    return existingTable(schema, table);
  }

  private io.dolly.storage.catalog.Table existingTable(String schema, String table) {
    return findTable(schema, table)
        .orElseThrow(() -> new MysqlException(ErrorCode.ER_NO_SUCH_TABLE, schemaOf(schema), table));
  }

  /** lock_wait_timeout in seconds: how long a statement waits for a table lock. */
  long lockWaitTimeout() {
    Object v = variables().get("lock_wait_timeout");
    return v instanceof Number n ? n.longValue() : 31_536_000L;
  }

  /** The stored table, or empty when it does not exist; 1046 without a database. */
  java.util.Optional<io.dolly.storage.catalog.Table> findTable(String schema, String table) {
    String db = schemaOf(schema);
    io.dolly.storage.catalog.Dictionary dictionary = engine.dictionary();
    if (dictionary == null) {
      throw missingTable(db, table);
    }
    var found = dictionary.table(db, table);
    if (found.isPresent() || dictionary.schema(db).isEmpty()) {
      return found;
    }
    // Names compare without case, as MySQL with lower_case_table_names on case-insensitive systems.
    for (String name : dictionary.tableNames(db)) {
      if (name.equalsIgnoreCase(table)) {
        return dictionary.table(db, name);
      }
    }
    return found;
  }

  /** The schema a table name refers to (lower-cased); 1046 when none is given or selected. */
  String schemaOf(String schema) {
    String db = schema != null ? schema : database;
    if (db == null) {
      throw new MysqlException(ErrorCode.ER_NO_DB_ERROR);
    }
    return db.toLowerCase(Locale.ROOT);
  }

  SessionTransaction transaction() {
    return transaction;
  }

  /** 1046 without a database, 1146 for a table that is not there (no tables exist yet). */
  MysqlException missingTable(String schema, String table) {
    String db = schema != null ? schema : database;
    if (db == null) {
      return new MysqlException(ErrorCode.ER_NO_DB_ERROR);
    }
    if (engine.schemaExists(db)) {
      return SyntaxErrors.unsupported("tables of " + db);
    }
    return new MysqlException(ErrorCode.ER_NO_SUCH_TABLE, db, table);
  }

  public int statusFlags() {
    int flags = 0;
    if (inTransaction || (engine.transactions() != null && transaction.open())) {
      flags |= STATUS_IN_TRANS;
    }
    if (autocommit()) {
      flags |= STATUS_AUTOCOMMIT;
    }
    return flags;
  }

  /** Warnings of the last statement, errors included (the OK/EOF packet's warning count). */
  public int warningCount() {
    return warnings.size();
  }

  int errorCount() {
    return (int) warnings.stream().filter(w -> w.level().equals("Error")).count();
  }

  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }

  public String currentDatabase() {
    return database;
  }

  /** COM_INIT_DB and USE; 1049 for an unknown database. */
  public void useDatabase(String db) {
    // MySQL checks access first, so an account learns nothing of databases it may not see.
    privileges.requireAccess(db);
    if (!engine.schemaExists(db)) {
      throw new MysqlException(ErrorCode.ER_BAD_DB_ERROR, db);
    }
    database = db.toLowerCase(Locale.ROOT);
  }

  /** The current database was dropped: the session has none now, as in MySQL. */
  void forgetDatabase() {
    database = null;
  }

  /** COM_RESET_CONNECTION: user variables, prepared statements, transaction, session variables. */
  public void resetConnection() {
    userVariables.clear();
    prepared.clear();
    savepoints.clear();
    warnings = new ArrayList<>();
    inTransaction = false;
    if (engine.transactions() != null) {
      transaction.rollback();
    }
    lastInsertId = 0;
    variables.reset();
    Collation c = Collations.byId(info.collationId()).orElse(Collations.UTF8MB4_0900_AI_CI);
    variables.setInternal("character_set_client", c.charset());
    variables.setInternal("character_set_connection", c.charset());
    variables.setInternal("character_set_results", c.charset());
    variables.setInternal("collation_connection", c.name());
  }

  /** COM_CHANGE_USER: a new identity and a reset session. */
  public void changeUser(SessionInfo newInfo) {
    resetConnection();
    status.clear();
    start(newInfo);
  }

  public long maxAllowedPacket() {
    return (Long) variables.get("max_allowed_packet");
  }

  public int waitTimeoutSeconds() {
    return (int) (long) (Long) variables.get("wait_timeout");
  }

  /** The text of COM_STATISTICS. */
  public String statistics() {
    ServerContext server = engine.server();
    long uptime = engine.status().uptimeSeconds(server);
    long questions = engine.status().global("Questions");
    double qps = uptime == 0 ? questions : (double) questions / uptime;
    return String.format(
        Locale.ROOT,
        "Uptime: %d  Threads: %d  Questions: %d  Slow queries: %d  Opens: %d  Flush tables: %d"
            + "  Open tables: %d  Queries per second avg: %.3f",
        uptime,
        server.threadsConnected(),
        questions,
        engine.status().global("Slow_queries"),
        0,
        1,
        0,
        qps);
  }

  /**
   * KILL QUERY from another thread: the running statement (or the next one to start) fails with
   * 1317 Query execution was interrupted.
   */
  public void kill() {
    killed = true;
  }

  /** The connection is gone: the session leaves the engine's registry. */
  public void close() {
    if (!closed) {
      closed = true;
      if (engine.transactions() != null) {
        transaction.close();
      }
      engine.sessionClosed(this);
    }
  }

  /**
   * A long statement that polled {@link #isKilled()} and failed with 1317 itself reports the kill
   * as consumed, so that the session's next statement runs.
   */
  public void killReported() {
    killed = false;
  }

  /** Long statements call this between rows: 1317 once KILL QUERY was asked. */
  void checkKilled() {
    if (killed) {
      killed = false;
      throw new MysqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }
  }

  /** True once KILL QUERY was asked and not yet reported; long statements poll it. */
  public boolean isKilled() {
    return killed;
  }

  /** The statement running now with passwords rewritten, or null when idle. */
  public String currentStatementText() {
    return currentStatement;
  }

  public SessionStatus sessionStatus() {
    return status;
  }

  public SessionVariables variables() {
    return variables;
  }

  public SessionInfo info() {
    return info;
  }

  public SqlEngine engine() {
    return engine;
  }

  // ---- state used by the executors ----

  /** STRICT_TRANS_TABLES or STRICT_ALL_TABLES: bad values fail statements instead of warning. */
  boolean strictMode() {
    String mode = String.valueOf(variables.get("sql_mode")).toUpperCase(Locale.ROOT);
    return mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES");
  }

  boolean autocommit() {
    return Boolean.TRUE.equals(variables.get("autocommit"));
  }

  void beginTransaction() {
    inTransaction = true;
    savepoints.clear();
  }

  void endTransaction() {
    inTransaction = false;
    savepoints.clear();
  }

  Set<String> savepoints() {
    return savepoints;
  }

  Map<String, Value> userVariables() {
    return userVariables;
  }

  Map<String, String> prepared() {
    return prepared;
  }

  void warn(Warning w) {
    warnings.add(w);
  }

  void passwordChanged() {
    passwordExpired = false;
  }

  List<Value> params() {
    return params;
  }

  void setParams(List<Value> values) {
    params = List.copyOf(values);
  }

  LocalDateTime statementTime() {
    return statementTime;
  }

  long lastInsertId() {
    return lastInsertId;
  }

  void setLastInsertId(long id) {
    lastInsertId = id;
  }

  long rowCount() {
    return rowCount;
  }

  long foundRows() {
    return foundRows;
  }

  /** The account name as {@code user@host}, for CURRENT_USER(). */
  String currentUser() {
    if (info.account() == null) {
      return info.user() + "@" + HostPattern.displayHost(info.clientHost());
    }
    return info.account().user() + "@" + info.account().host();
  }

  /** USER(): the name sent by the client at its host. */
  String user() {
    return info.user() + "@" + HostPattern.displayHost(info.clientHost());
  }

  /** True when the session's account holds the global privilege. */
  boolean hasPrivilege(String privilege) {
    return privileges.global(privilege);
  }

  SessionPrivileges privileges() {
    return privileges;
  }

  /** 1142 unless the session may run {@code privilege} (SELECT, INSERT, ...) on the table. */
  void requireTable(String privilege, String schema, String table) {
    privileges.requireTable(privilege, schemaOf(schema), table);
  }

  /** 1044 unless the session holds {@code privilege} for databases (CREATE, DROP, ALTER). */
  void requireDatabase(String privilege, String db) {
    privileges.requireDatabase(privilege, db);
  }

  /** 1227 unless the session holds one of the privileges. */
  void requireAny(String... privileges) {
    this.privileges.requireAny(privileges);
  }

  EvalContext evalContext() {
    return new SessionEvalContext(this);
  }
}
