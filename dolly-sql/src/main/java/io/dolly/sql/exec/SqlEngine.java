package io.dolly.sql.exec;

import io.dolly.sql.account.AccountStore;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.sysvar.StatusVariables;
import io.dolly.sql.sysvar.SystemVariables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  /**
   * @param variables the system variables, with startup values (datadir, port, version, ...)
   *     already set and persisted ones loaded
   */
  public SqlEngine(ServerContext server, AccountStore accounts, SystemVariables variables) {
    this.server = server;
    this.accounts = accounts;
    this.variables = variables;
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
    return new SqlSession(this, info);
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

  public List<String> schemas() {
    return SYSTEM_SCHEMAS;
  }

  public boolean schemaExists(String name) {
    return SYSTEM_SCHEMAS.contains(name.toLowerCase(java.util.Locale.ROOT));
  }
}
