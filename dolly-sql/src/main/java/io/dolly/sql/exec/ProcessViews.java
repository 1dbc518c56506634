package io.dolly.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The connections as tables: information_schema.PROCESSLIST (SHOW PROCESSLIST's columns),
 * performance_schema.threads (with CONNECTION_TYPE, so a DBA sees which sessions run over TLS) and
 * performance_schema.status_by_thread (each connection's Ssl_version and Ssl_cipher). A
 * connection's THREAD_ID is its PROCESSLIST_ID. As with SHOW PROCESSLIST, an account without
 * PROCESS sees only its own connections.
 */
final class ProcessViews {
  private ProcessViews() {}

  static void register(SqlEngine engine) {
    engine.registerSystemTable(
        "information_schema",
        "PROCESSLIST",
        view(
            List.of(
                ColumnMeta.integer("ID", 21),
                ColumnMeta.text("USER", 32),
                ColumnMeta.text("HOST", 261),
                ColumnMeta.text("DB", 64),
                ColumnMeta.text("COMMAND", 16),
                ColumnMeta.integer("TIME", 7),
                ColumnMeta.text("STATE", 64),
                ColumnMeta.text("INFO", 65535)),
            (p, out) ->
                out.add(
                    List.of(
                        Value.of(p.id()),
                        Value.of(p.user()),
                        Value.of(p.host()),
                        text(p.database()),
                        Value.of(p.command()),
                        Value.of(p.timeSeconds()),
                        text(p.state()),
                        text(SecretRedactor.redact(p.info()))))));
    engine.registerSystemTable(
        "performance_schema",
        "threads",
        view(
            List.of(
                ColumnMeta.integer("THREAD_ID", 20),
                ColumnMeta.text("NAME", 128),
                ColumnMeta.text("TYPE", 10),
                ColumnMeta.integer("PROCESSLIST_ID", 20),
                ColumnMeta.text("PROCESSLIST_USER", 32),
                ColumnMeta.text("PROCESSLIST_HOST", 255),
                ColumnMeta.text("PROCESSLIST_DB", 64),
                ColumnMeta.text("PROCESSLIST_COMMAND", 16),
                ColumnMeta.integer("PROCESSLIST_TIME", 20),
                ColumnMeta.text("PROCESSLIST_STATE", 64),
                ColumnMeta.text("PROCESSLIST_INFO", 65535),
                ColumnMeta.text("CONNECTION_TYPE", 16)),
            (p, out) ->
                out.add(
                    List.of(
                        Value.of(p.id()),
                        Value.of("thread/sql/one_connection"),
                        Value.of("FOREGROUND"),
                        Value.of(p.id()),
                        Value.of(p.user()),
                        Value.of(hostOnly(p.host())),
                        text(p.database()),
                        Value.of(p.command()),
                        Value.of(p.timeSeconds()),
                        text(p.state()),
                        text(SecretRedactor.redact(p.info())),
                        Value.of(p.connectionType())))));
    engine.registerSystemTable(
        "performance_schema",
        "status_by_thread",
        view(
            List.of(
                ColumnMeta.integer("THREAD_ID", 20),
                ColumnMeta.text("VARIABLE_NAME", 64),
                ColumnMeta.text("VARIABLE_VALUE", 1024)),
            (p, out) -> {
              out.add(List.of(Value.of(p.id()), Value.of("Ssl_cipher"), orEmpty(p.tlsCipher())));
              out.add(List.of(Value.of(p.id()), Value.of("Ssl_version"), orEmpty(p.tlsVersion())));
            }));
  }

  private static SystemTable view(
      List<ColumnMeta> columns, BiConsumer<ProcessInfo, List<List<Value>>> rowsOf) {
    return SystemTable.of(
        columns,
        session -> {
          List<List<Value>> out = new ArrayList<>();
          for (ProcessInfo p : visible(session)) {
            rowsOf.accept(p, out);
          }
          return out;
        });
  }

  /** The connections {@code session} may see: all with PROCESS, else its own user's. */
  static List<ProcessInfo> visible(SqlSession session) {
    List<ProcessInfo> all = session.engine().server().processList();
    if (session.hasPrivilege("PROCESS")) {
      return all;
    }
    return all.stream().filter(p -> p.user().equals(session.info().user())).toList();
  }

  /** PROCESSLIST_HOST has no port: {@code 127.0.0.1:51234} is {@code 127.0.0.1}. */
  private static String hostOnly(String host) {
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.substring(colon + 1).chars().allMatch(Character::isDigit)
        ? host.substring(0, colon)
        : host;
  }

  private static Value text(String s) {
    return s == null ? Value.NULL : Value.of(s);
  }

  private static Value orEmpty(String s) {
    return Value.of(s == null ? "" : s);
  }
}
