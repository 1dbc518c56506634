package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.account.AccountStore;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.sysvar.StatusVariables;
import io.dolly.sql.sysvar.SystemVariables;
import io.dolly.storage.StorageEngine;
import io.dolly.storage.catalog.Dictionary;
import io.dolly.storage.catalog.SchemaDefinition;
import io.dolly.storage.txn.TransactionManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The SQL layer of one server: system and status variables, accounts, the known schemas, and the
 * handlers other layers register for their statements. Sessions are opened from it.
 */
public final class SqlEngine {
  /** The schemas that exist before any storage does, in SHOW DATABASES order. */
  public static final List<String> SYSTEM_SCHEMAS =
      List.of("information_schema", "mysql", "performance_schema", "sys");

  private final ServerContext server;
  private final AccountStore accounts;
  private final SystemVariables variables;
  private final StatusVariables status = new StatusVariables();
  private final Map<Class<? extends Statement>, StatementHandler> handlers =
      new ConcurrentHashMap<>();

  private final Runnable privilegesChanged;
  private volatile StorageEngine storage;
  private volatile TransactionManager transactions;
  private volatile Dictionary dictionary;
  private final Map<Long, SqlSession> sessions = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong internalSessionIds =
      new java.util.concurrent.atomic.AtomicLong();
  private final TableLocks tableLocks = new TableLocks();

  /**
   * The facts about the running instance that read-only variables report.
   *
   * @param version the full version string ({@code 8.0.40-dolly-...}); VERSION() returns it
   * @param tlsAvailable false makes have_ssl/have_openssl report DISABLED
   */
  public record Identity(
      String version,
      String versionComment,
      String serverUuid,
      Path datadir,
      int port,
      String bindAddress,
      boolean tlsAvailable) {

    void applyTo(SystemVariables variables) {
      variables.setStartupValue("version", version);
      variables.setStartupValue("version_comment", versionComment);
      variables.setStartupValue("server_uuid", serverUuid);
      String dir = datadir.toAbsolutePath().toString();
      variables.setStartupValue("datadir", dir.endsWith("/") ? dir : dir + "/");
      variables.setStartupValue("port", (long) port);
      variables.setStartupValue("bind_address", bindAddress);
      String ssl = tlsAvailable ? "YES" : "DISABLED";
      variables.setStartupValue("have_ssl", ssl);
      variables.setStartupValue("have_openssl", ssl);
    }
  }

  /**
   * @param variables the system variables, with startup values (datadir, port, version, ...)
   *     already set and persisted ones loaded
   */
  public SqlEngine(ServerContext server, AccountStore accounts, SystemVariables variables) {
    this.server = server;
    this.accounts = accounts;
    this.variables = variables;
    this.privilegesChanged = () -> {};
    ProcessViews.register(this);
  }

  /**
   * The server's constructor.
   *
   * @param identity applied to the read-only variables
   * @param privilegesChanged called after passwords or accounts change and on FLUSH PRIVILEGES, so
   *     that the server can drop cached credentials (caching_sha2_password's fast-auth cache)
   */
  public SqlEngine(
      SystemVariables variables,
      AccountStore accounts,
      ServerContext server,
      Identity identity,
      Runnable privilegesChanged) {
    this.server = server;
    this.accounts = accounts;
    this.variables = variables;
    this.privilegesChanged = privilegesChanged;
    identity.applyTo(variables);
    ProcessViews.register(this);
  }

  /**
   * Gives the SQL layer the open storage engine of the data directory. Before this (in tests of the
   * SQL layer alone) only the system schemas exist.
   */
  public void attachStorage(StorageEngine engine, TransactionManager transactions) {
    this.storage = engine;
    this.transactions = transactions;
  }

  /**
   * Gives the SQL layer the open storage engine with its data dictionary: the schemas and tables of
   * the instance become visible.
   */
  public void attachStorage(
      StorageEngine engine, TransactionManager transactions, Dictionary dictionary) {
    attachStorage(engine, transactions);
    this.dictionary = dictionary;
    InformationSchema.register(this);
    TablespaceFiles.register(this);
    StoredPrograms.register(this);
    PrivilegeViews.register(this);
    SqlSession bootstrap = openInternalSession();
    try {
      GrantTables.createMissing(bootstrap, dictionary);
    } finally {
      bootstrap.close();
    }
    accounts.attach(new GrantTableRows(this));
  }

  /**
   * A session of the server itself, without an account (no privilege checks): reads and writes the
   * grant tables. Its ids are negative, apart from those of connections.
   */
  SqlSession openInternalSession() {
    long id = internalSessionIds.decrementAndGet();
    return openSession(
        new SessionInfo(id, "", "localhost", null, null, null, null, 255, false, true));
  }

  /** The data dictionary, or null when no storage is attached. */
  public Dictionary dictionary() {
    return dictionary;
  }

  /** The storage engine, or null when none is attached. */
  public StorageEngine storage() {
    return storage;
  }

  /** The storage engine's transaction system, or null when none is attached. */
  public TransactionManager transactions() {
    return transactions;
  }

  /** True for a database USE and COM_INIT_DB accept (the handshake's connect-time database). */
  public boolean databaseExists(String name) {
    return schemaExists(name);
  }

  /** Calls {@code hook} with the new stored value after each SET GLOBAL / PERSIST of a variable. */
  public void onGlobalChange(String variable, Consumer<Object> hook) {
    variables.addGlobalListener(variable, hook);
  }

  /**
   * COM_PROCESS_KILL's check, the same as KILL's: 1094 when the target is not connected, 1095 when
   * the killer neither owns it nor holds CONNECTION_ADMIN or SUPER.
   */
  public void checkKill(long killerId, long targetId) {
    SqlSession killer = sessions.get(killerId);
    ProcessInfo target =
        server.processList().stream()
            .filter(p -> p.id() == targetId)
            .findFirst()
            .orElseThrow(() -> new MysqlException(ErrorCode.ER_NO_SUCH_THREAD, targetId));
    if (killer == null) {
      return;
    }
    boolean own = killerId == targetId || target.user().equals(killer.info().user());
    if (!own && !killer.hasPrivilege("CONNECTION_ADMIN") && !killer.hasPrivilege("SUPER")) {
      throw new MysqlException(ErrorCode.ER_KILL_DENIED_ERROR, targetId);
    }
  }

  /** Releases nothing yet; the server calls it at shutdown. */
  public void close() {
    sessions.clear();
  }

  void privilegesChanged() {
    privilegesChanged.run();
  }

  /** FLUSH PRIVILEGES: the accounts are read again from the grant tables. */
  void reloadPrivileges() {
    accounts.reload();
    privilegesChanged.run();
  }

  void sessionClosed(SqlSession session) {
    tableLocks.sessionClosed(session);
    sessions.remove(session.info().connectionId(), session);
  }

  TableLocks tableLocks() {
    return tableLocks;
  }

  private final Map<String, SystemTable> systemTables = new ConcurrentHashMap<>();

  /** Serves {@code schema.name} from memory (schema must be one of {@link #SYSTEM_SCHEMAS}). */
  public void registerSystemTable(String schema, String name, SystemTable table) {
    systemTables.put(key(schema, name), table);
  }

  SystemTable systemTable(String schema, String name) {
    return schema == null ? null : systemTables.get(key(schema, name));
  }

  private static String key(String schema, String name) {
    return (schema + "." + name).toLowerCase(java.util.Locale.ROOT);
  }

  public SqlSession openSession(SessionInfo info) {
    SqlSession session = new SqlSession(this, info);
    sessions.put(info.connectionId(), session);
    return session;
  }

  /** Lets another layer run a statement type (e.g. {@code Admin.CloneInstance.class}). */
  public void registerHandler(Class<? extends Statement> type, StatementHandler handler) {
    handlers.put(type, handler);
  }

  StatementHandler handler(Statement s) {
    return handlers.get(s.getClass());
  }

  public ServerContext server() {
    return server;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public SystemVariables variables() {
    return variables;
  }

  public StatusVariables status() {
    return status;
  }

  /** The schemas SHOW DATABASES lists: the system ones and those of the dictionary, sorted. */
  public List<String> schemas() {
    Dictionary d = dictionary;
    if (d == null) {
      return SYSTEM_SCHEMAS;
    }
    java.util.TreeSet<String> names = new java.util.TreeSet<>(SYSTEM_SCHEMAS);
    for (SchemaDefinition s : d.schemas()) {
      names.add(s.name());
    }
    return List.copyOf(names);
  }

  public boolean schemaExists(String name) {
    if (SYSTEM_SCHEMAS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return true;
    }
    Dictionary d = dictionary;
    return d != null && d.schema(name.toLowerCase(java.util.Locale.ROOT)).isPresent();
  }
}
