package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;
import io.dolly.sql.account.AccountRows;
import io.dolly.sql.account.Grants;
import io.dolly.sql.account.Privileges;
import io.dolly.sql.account.StoredAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts and grants as rows of the grant tables ({@link GrantTables}), read and written by SQL
 * through a session of its own without an account (so no privilege applies to it). Each {@link
 * #replace} is one storage transaction: deletes of the old rows and inserts of the new ones commit
 * together, are redo-logged, and a crash rolls back a change that did not commit.
 */
final class GrantTableRows implements AccountRows {
  private static final String USER_COLUMNS =
      "Host, User, "
          + String.join(", ", GrantTables.USER_PRIVILEGE_COLUMNS.keySet())
          + ", ssl_type, ssl_cipher, x509_issuer, x509_subject, plugin, authentication_string,"
          + " password_expired, account_locked, "
          + String.join(", ", GrantTables.USER_ROLE_COLUMNS.keySet());

  private final SqlEngine engine;

  GrantTableRows(SqlEngine engine) {
    this.engine = engine;
  }

  @Override
  public List<StoredAccount> load() {
    return inSession(
        s -> {
          Map<List<String>, Set<String>> global = new HashMap<>();
          for (Row r : select(s, "SELECT USER, HOST, PRIV FROM mysql.global_grants")) {
            global
                .computeIfAbsent(List.of(r.string(0), r.string(1)), k -> new LinkedHashSet<>())
                .add(r.string(2));
          }
          Map<List<String>, Map<String, Set<String>>> dbs = new HashMap<>();
          String dbColumns = String.join(", ", GrantTables.DB_PRIVILEGE_COLUMNS.keySet());
          for (Row r : select(s, "SELECT User, Host, Db, " + dbColumns + " FROM mysql.db")) {
            dbs.computeIfAbsent(List.of(r.string(0), r.string(1)), k -> new LinkedHashMap<>())
                .put(r.string(2), flags(r, 3, GrantTables.DB_PRIVILEGE_COLUMNS));
          }
          Map<List<String>, Map<Grants.TableRef, Set<String>>> tables = new HashMap<>();
          for (Row r :
              select(s, "SELECT User, Host, Db, Table_name, Table_priv FROM mysql.tables_priv")) {
            tables
                .computeIfAbsent(List.of(r.string(0), r.string(1)), k -> new LinkedHashMap<>())
                .put(new Grants.TableRef(r.string(2), r.string(3)), tablePrivileges(r.string(4)));
          }
          List<StoredAccount> out = new ArrayList<>();
          for (Row r : select(s, "SELECT " + USER_COLUMNS + " FROM mysql.user")) {
            out.add(account(r, global, dbs, tables));
          }
          return out;
        });
  }

  private static StoredAccount account(
      Row r,
      Map<List<String>, Set<String>> global,
      Map<List<String>, Map<String, Set<String>>> dbs,
      Map<List<String>, Map<Grants.TableRef, Set<String>>> tables) {
    String host = r.string(0);
    String user = r.string(1);
    int c = 2;
    Set<String> privileges = new LinkedHashSet<>(flags(r, c, GrantTables.USER_PRIVILEGE_COLUMNS));
    c += GrantTables.USER_PRIVILEGE_COLUMNS.size();
    boolean requireSsl = !r.string(c).isEmpty();
    c += 4;
    String plugin = r.string(c++);
    String auth = r.string(c++);
    boolean expired = "Y".equals(r.string(c++));
    boolean locked = "Y".equals(r.string(c++));
    privileges.addAll(flags(r, c, GrantTables.USER_ROLE_COLUMNS));
    List<String> key = List.of(user, host);
    privileges.addAll(global.getOrDefault(key, Set.of()));
    Account account =
        new Account(user, host, plugin, auth == null ? "" : auth, expired, locked, requireSsl);
    Grants grants =
        new Grants(privileges, dbs.getOrDefault(key, Map.of()), tables.getOrDefault(key, Map.of()));
    return new StoredAccount(account, grants);
  }

  private static Set<String> flags(Row r, int first, Map<String, String> columns) {
    Set<String> out = new LinkedHashSet<>();
    int i = first;
    for (String privilege : columns.values()) {
      if ("Y".equals(r.string(i++))) {
        out.add(privilege);
      }
    }
    return out;
  }

  private static Set<String> tablePrivileges(String set) {
    Set<String> out = new LinkedHashSet<>();
    if (set == null || set.isEmpty()) {
      return out;
    }
    for (String member : set.split(",")) {
      for (Map.Entry<String, String> e : GrantTables.TABLE_PRIV_MEMBERS.entrySet()) {
        if (e.getKey().equalsIgnoreCase(member)) {
          out.add(e.getValue());
        }
      }
    }
    return out;
  }

  @Override
  public void replace(List<StoredAccount> removed, List<StoredAccount> added) {
    inSession(
        s -> {
          run(s, "BEGIN");
          try {
            for (StoredAccount a : removed) {
              delete(s, a);
            }
            for (StoredAccount a : added) {
              insert(s, a);
            }
            run(s, "COMMIT");
          } catch (RuntimeException e) {
            run(s, "ROLLBACK");
            throw e;
          }
          return null;
        });
  }

  private static void delete(SqlSession s, StoredAccount a) {
    List<Value> key = List.of(Value.of(a.host()), Value.of(a.user()));
    run(s, "DELETE FROM mysql.user WHERE Host = ? AND User = ?", key);
    run(s, "DELETE FROM mysql.global_grants WHERE HOST = ? AND USER = ?", key);
    run(s, "DELETE FROM mysql.db WHERE Host = ? AND User = ?", key);
    run(s, "DELETE FROM mysql.tables_priv WHERE Host = ? AND User = ?", key);
  }

  private static void insert(SqlSession s, StoredAccount stored) {
    Account a = stored.account();
    Grants g = stored.grants();
    List<Value> values = new ArrayList<>();
    values.add(Value.of(a.host()));
    values.add(Value.of(a.user()));
    yn(values, g.global(), GrantTables.USER_PRIVILEGE_COLUMNS);
    values.add(Value.of(a.requireSsl() ? "ANY" : ""));
    values.add(Value.of(""));
    values.add(Value.of(""));
    values.add(Value.of(""));
    values.add(Value.of(a.plugin()));
    values.add(Value.of(a.authenticationString()));
    values.add(Value.of(a.passwordExpired() ? "Y" : "N"));
    values.add(Value.of(a.locked() ? "Y" : "N"));
    yn(values, g.global(), GrantTables.USER_ROLE_COLUMNS);
    run(s, "INSERT INTO mysql.user (" + USER_COLUMNS + ") VALUES (" + marks(values) + ")", values);

    String withGrant = g.global().contains(Privileges.GRANT_OPTION) ? "Y" : "N";
    for (String p : Privileges.DYNAMIC) {
      if (g.global().contains(p)) {
        run(
            s,
            "INSERT INTO mysql.global_grants (USER, HOST, PRIV, WITH_GRANT_OPTION)"
                + " VALUES (?, ?, ?, ?)",
            List.of(Value.of(a.user()), Value.of(a.host()), Value.of(p), Value.of(withGrant)));
      }
    }
    String dbColumns = String.join(", ", GrantTables.DB_PRIVILEGE_COLUMNS.keySet());
    for (Map.Entry<String, Set<String>> e : g.databases().entrySet()) {
      List<Value> row = new ArrayList<>();
      row.add(Value.of(a.host()));
      row.add(Value.of(e.getKey()));
      row.add(Value.of(a.user()));
      yn(row, e.getValue(), GrantTables.DB_PRIVILEGE_COLUMNS);
      run(
          s,
          "INSERT INTO mysql.db (Host, Db, User, " + dbColumns + ") VALUES (" + marks(row) + ")",
          row);
    }
    for (Map.Entry<Grants.TableRef, Set<String>> e : g.tables().entrySet()) {
      List<String> members = new ArrayList<>();
      for (Map.Entry<String, String> m : GrantTables.TABLE_PRIV_MEMBERS.entrySet()) {
        if (e.getValue().contains(m.getValue())) {
          members.add(m.getKey());
        }
      }
      run(
          s,
          "INSERT INTO mysql.tables_priv (Host, Db, User, Table_name, Grantor, Timestamp,"
              + " Table_priv, Column_priv) VALUES (?, ?, ?, ?, ?, NOW(), ?, '')",
          List.of(
              Value.of(a.host()),
              Value.of(e.getKey().database()),
              Value.of(a.user()),
              Value.of(e.getKey().table()),
              Value.of(""),
              Value.of(String.join(",", members))));
    }
  }

  private static void yn(List<Value> out, Set<String> held, Map<String, String> columns) {
    for (String privilege : columns.values()) {
      out.add(Value.of(held.contains(privilege) ? "Y" : "N"));
    }
  }

  private static String marks(List<Value> values) {
    return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
  }

  private interface Work<T> {
    T run(SqlSession session);
  }

  /** Runs {@code work} in a fresh session without an account, closed (rolled back) after. */
  private <T> T inSession(Work<T> work) {
    SqlSession s = engine.openInternalSession();
    try {
      return work.run(s);
    } finally {
      s.close();
    }
  }

  private static List<Row> select(SqlSession s, String sql) {
    return ((ResultSet) run(s, sql, List.of())).rows();
  }

  private static void run(SqlSession s, String sql) {
    run(s, sql, List.of());
  }

  private static StatementResult run(SqlSession s, String sql, List<Value> parameters) {
    PreparedQuery q = s.prepare(sql);
    return s.execute(q.statement(), q.text(), parameters);
  }
}
