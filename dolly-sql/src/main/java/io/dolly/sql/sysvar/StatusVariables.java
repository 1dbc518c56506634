package io.dolly.sql.sysvar;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * SHOW STATUS: the SQL layer's counters (Questions, Queries, Com_*) kept globally and per session,
 * merged with what the server knows ({@link ServerStatus}).
 */
public final class StatusVariables {
  /** Com_ counters listed even before they are first incremented, as MySQL lists them all. */
  public static final List<String> COMMANDS =
      List.of(
          "admin_commands",
          "alter_db",
          "alter_table",
          "alter_user",
          "analyze",
          "begin",
          "change_db",
          "check",
          "checksum",
          "clone",
          "commit",
          "create_db",
          "create_index",
          "create_table",
          "create_user",
          "dealloc_sql",
          "delete",
          "drop_db",
          "drop_index",
          "drop_table",
          "drop_user",
          "execute_sql",
          "explain_other",
          "flush",
          "grant",
          "insert",
          "insert_select",
          "install_plugin",
          "kill",
          "lock_instance",
          "lock_tables",
          "optimize",
          "prepare_sql",
          "release_savepoint",
          "rename_table",
          "rename_user",
          "replace",
          "reset",
          "revoke",
          "rollback",
          "rollback_to_savepoint",
          "savepoint",
          "select",
          "set_option",
          "set_password",
          "show_charsets",
          "show_collations",
          "show_create_db",
          "show_create_table",
          "show_create_user",
          "show_databases",
          "show_engine_status",
          "show_errors",
          "show_fields",
          "show_grants",
          "show_keys",
          "show_plugins",
          "show_processlist",
          "show_status",
          "show_storage_engines",
          "show_table_status",
          "show_tables",
          "show_variables",
          "show_warnings",
          "shutdown",
          "stmt_close",
          "stmt_execute",
          "stmt_fetch",
          "stmt_prepare",
          "stmt_reset",
          "truncate",
          "uninstall_plugin",
          "unlock_instance",
          "unlock_tables",
          "update");

  private final Map<String, LongAdder> global = new ConcurrentHashMap<>();
  private final long startMillis = System.currentTimeMillis();

  public StatusVariables() {
    for (String c : COMMANDS) {
      global.put("Com_" + c, new LongAdder());
    }
    global.put("Questions", new LongAdder());
    global.put("Queries", new LongAdder());
    global.put("Slow_queries", new LongAdder());
  }

  /** Counts one statement of the given command (e.g. {@code select}) for both scopes. */
  public void countCommand(SessionStatus session, String command) {
    increment(session, "Com_" + command);
  }

  /** Counts one statement received from a client (Questions and Queries). */
  public void countQuestion(SessionStatus session) {
    increment(session, "Questions");
    increment(session, "Queries");
  }

  public void increment(SessionStatus session, String name) {
    global.computeIfAbsent(name, k -> new LongAdder()).increment();
    if (session != null) {
      session.increment(name);
    }
  }

  public long global(String name) {
    LongAdder a = global.get(name);
    return a == null ? 0 : a.sum();
  }

  public long uptimeSeconds(ServerStatus server) {
    long u = server.uptimeSeconds();
    return u > 0 ? u : (System.currentTimeMillis() - startMillis) / 1000;
  }

  /** SHOW GLOBAL STATUS. */
  public SortedMap<String, String> showGlobal(ServerStatus server) {
    SortedMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    global.forEach((k, v) -> out.put(k, String.valueOf(v.sum())));
    serverValues(out, server);
    out.put("Bytes_received", String.valueOf(server.bytesReceived()));
    out.put("Bytes_sent", String.valueOf(server.bytesSent()));
    out.put("Ssl_cipher", "");
    out.put("Ssl_version", "");
    return out;
  }

  /** SHOW [SESSION] STATUS: session counters where MySQL keeps them, globals otherwise. */
  public SortedMap<String, String> showSession(SessionStatus session, ServerStatus server) {
    SortedMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    global.forEach((k, v) -> out.put(k, String.valueOf(session.get(k))));
    serverValues(out, server);
    out.put("Bytes_received", String.valueOf(session.bytesReceived()));
    out.put("Bytes_sent", String.valueOf(session.bytesSent()));
    out.put("Ssl_cipher", session.sslCipher());
    out.put("Ssl_version", session.sslVersion());
    return out;
  }

  private void serverValues(SortedMap<String, String> out, ServerStatus server) {
    long uptime = uptimeSeconds(server);
    out.put("Uptime", String.valueOf(uptime));
    out.put("Uptime_since_flush_status", String.valueOf(uptime));
    out.put("Threads_connected", String.valueOf(server.threadsConnected()));
    out.put("Threads_running", String.valueOf(server.threadsRunning()));
    out.put("Threads_created", String.valueOf(server.threadsCreated()));
    out.put("Threads_cached", String.valueOf(server.threadsCached()));
    out.put("Connections", String.valueOf(server.connectionsTotal()));
    out.put("Max_used_connections", String.valueOf(server.maxUsedConnections()));
    out.put("Aborted_connects", String.valueOf(server.abortedConnects()));
    out.put("Aborted_clients", String.valueOf(server.abortedClients()));
    out.put("Ssl_accepts", String.valueOf(server.sslAccepts()));
    out.put("Ssl_finished_accepts", String.valueOf(server.sslFinishedAccepts()));
    out.put("Open_tables", "0");
    out.put("Opened_tables", "0");
  }
}
