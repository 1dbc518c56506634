package io.dolly.sql.exec;

import io.dolly.protocol.auth.Account;
import io.dolly.sql.account.Grants;
import io.dolly.sql.account.Privileges;
import io.dolly.sql.account.StoredAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * information_schema USER_PRIVILEGES, SCHEMA_PRIVILEGES and TABLE_PRIVILEGES over the accounts'
 * grants: one row per privilege held at that level, GRANTEE as {@code 'u'@'h'}, IS_GRANTABLE when
 * GRANT OPTION is held at the same level. As in MySQL, an account sees its own rows, and every
 * account's when it may SELECT from mysql.user.
 */
final class PrivilegeViews {
  private PrivilegeViews() {}

  static void register(SqlEngine engine) {
    engine.registerSystemTable(
        "information_schema",
        "USER_PRIVILEGES",
        view(
            List.of("GRANTEE", "TABLE_CATALOG", "PRIVILEGE_TYPE", "IS_GRANTABLE"),
            PrivilegeViews::userRows));
    engine.registerSystemTable(
        "information_schema",
        "SCHEMA_PRIVILEGES",
        view(
            List.of("GRANTEE", "TABLE_CATALOG", "TABLE_SCHEMA", "PRIVILEGE_TYPE", "IS_GRANTABLE"),
            PrivilegeViews::schemaRows));
    engine.registerSystemTable(
        "information_schema",
        "TABLE_PRIVILEGES",
        view(
            List.of(
                "GRANTEE",
                "TABLE_CATALOG",
                "TABLE_SCHEMA",
                "TABLE_NAME",
                "PRIVILEGE_TYPE",
                "IS_GRANTABLE"),
            PrivilegeViews::tableRows));
  }

  private interface RowsOf {
    void add(StoredAccount account, String grantee, List<List<String>> out);
  }

  private static SystemTable view(List<String> names, RowsOf rowsOf) {
    return InformationSchema.table(
        names,
        (session, dictionary) -> {
          List<List<String>> out = new ArrayList<>();
          for (StoredAccount a : visible(session)) {
            rowsOf.add(a, "'" + a.user() + "'@'" + a.host() + "'", out);
          }
          return out;
        });
  }

  private static List<StoredAccount> visible(SqlSession session) {
    List<StoredAccount> all = session.engine().accounts().all();
    if (session.privileges().onTable("SELECT", "mysql", "user")) {
      return all;
    }
    Account own = session.info().account();
    return all.stream()
        .filter(a -> a.user().equals(own.user()) && a.host().equals(own.host()))
        .toList();
  }

  private static void userRows(StoredAccount a, String grantee, List<List<String>> out) {
    Set<String> held = a.grants().global();
    String grantable = grantable(held);
    int before = out.size();
    for (List<String> names : List.of(Privileges.STATIC, Privileges.DYNAMIC)) {
      for (String p : names) {
        if (held.contains(p)) {
          out.add(row(grantee, "def", p, grantable));
        }
      }
    }
    if (out.size() == before) {
      out.add(row(grantee, "def", "USAGE", grantable));
    }
  }

  private static void schemaRows(StoredAccount a, String grantee, List<List<String>> out) {
    for (Map.Entry<String, Set<String>> e : new TreeMap<>(a.grants().databases()).entrySet()) {
      for (String p : Privileges.DATABASE_LEVEL) {
        if (e.getValue().contains(p)) {
          out.add(row(grantee, "def", e.getKey(), p, grantable(e.getValue())));
        }
      }
    }
  }

  private static void tableRows(StoredAccount a, String grantee, List<List<String>> out) {
    for (Map.Entry<Grants.TableRef, Set<String>> e : a.grants().tables().entrySet()) {
      for (String p : Privileges.TABLE_LEVEL) {
        if (e.getValue().contains(p)) {
          out.add(
              row(
                  grantee,
                  "def",
                  e.getKey().database(),
                  e.getKey().table(),
                  p,
                  grantable(e.getValue())));
        }
      }
    }
  }

  private static String grantable(Set<String> held) {
    return held.contains(Privileges.GRANT_OPTION) ? "YES" : "NO";
  }

  private static List<String> row(String... cells) {
    return List.of(cells);
  }
}
