package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;
import io.dolly.sql.account.AccountStore;
import io.dolly.sql.account.Privileges;
import io.dolly.sql.sysvar.SystemVariables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine over a real account store in a temporary data directory, with a fake server. */
final class SessionFixture implements ServerContext {
  final AccountStore accounts;
  final SystemVariables variables = SystemVariables.withCoreVariables();
  final SqlEngine engine;
  final List<ProcessInfo> processes = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  SessionFixture(Path datadir) throws IOException {
    accounts = AccountStore.open(datadir, (plugin, pw) -> plugin + ":" + pw);
    accounts.create("root", "localhost", "caching_sha2_password", "", false, false, false);
    accounts.grantGlobal("root", "localhost", Privileges.all());
    accounts.create("app", "%", "caching_sha2_password", "pw", false, false, false);
    variables.loadPersisted(datadir);
    engine = new SqlEngine(this, accounts, variables);
  }

  SqlSession root(long id) {
    return open(id, "root", "localhost", false);
  }

  SqlSession open(long id, String user, String accountHost, boolean expired) {
    Account a = accounts.get(user, accountHost).orElseThrow().account();
    processes.add(
        new ProcessInfo(id, user, "localhost:5000", null, "Sleep", 0, "", null, null, null));
    return engine.openSession(
        new SessionInfo(id, user, "127.0.0.1", a, null, null, null, 255, expired, true));
  }

  /** Runs SQL and returns its results. */
  static List<StatementResult> run(SqlSession s, String sql) {
    List<StatementResult> out = new ArrayList<>();
    try {
      s.execute(sql, (r, more) -> out.add(r));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  static ResultSet query(SqlSession s, String sql) {
    List<StatementResult> r = run(s, sql);
    return (ResultSet) r.getLast();
  }

  static String scalar(SqlSession s, String sql) {
    return query(s, sql).rows().get(0).string(0);
  }

  @Override
  public void shutdown() {
    events.add("shutdown");
  }

  @Override
  public void kill(long connectionId, boolean queryOnly, SessionInfo killer) {
    events.add("kill " + connectionId + (queryOnly ? " query" : ""));
  }

  @Override
  public List<ProcessInfo> processList() {
    return processes;
  }

  @Override
  public long threadsConnected() {
    return processes.size();
  }
}
