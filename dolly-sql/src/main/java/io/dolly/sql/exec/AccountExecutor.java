package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.account.AccountStore;
import io.dolly.sql.account.GrantsText;
import io.dolly.sql.account.Privileges;
import io.dolly.sql.account.StoredAccount;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CREATE/ALTER/DROP USER, SET PASSWORD, GRANT/REVOKE of global privileges, SHOW GRANTS. */
final class AccountExecutor {
  static final List<String> PLUGINS =
      List.of("caching_sha2_password", "mysql_native_password", "sha256_password");

  private final SqlSession session;
  private final AccountStore store;

  AccountExecutor(SqlSession session) {
    this.session = session;
    this.store = session.engine().accounts();
  }

  /** user and host of a written account name, the current user resolved. */
  private String[] resolve(UserSpec u) {
    if (u.current()) {
      var a = session.info().account();
      if (a == null) {
        throw new MysqlException(ErrorCode.ER_PASSWORD_NO_MATCH);
      }
      return new String[] {a.user(), a.host()};
    }
    return new String[] {u.user(), u.host().toLowerCase(Locale.ROOT)};
  }

  private boolean isSelf(String[] uh) {
    var a = session.info().account();
    return a != null && a.user().equals(uh[0]) && a.host().equalsIgnoreCase(uh[1]);
  }

  private static String quoted(String[] uh) {
    return "'" + uh[0] + "'@'" + uh[1] + "'";
  }

  private String plugin(String written) {
    String plugin =
        written != null
            ? written
            : String.valueOf(session.engine().variables().global("default_authentication_plugin"));
    if (!PLUGINS.contains(plugin)) {
      throw new MysqlException(ErrorCode.ER_PLUGIN_IS_NOT_LOADED, plugin);
    }
    return plugin;
  }

  StatementResult createUser(Admin.CreateUser c) {
    session.requireAny("CREATE USER");
    Admin.AccountOptions o = c.options();
    for (Admin.UserAuth auth : c.users()) {
      String[] uh = resolve(auth.user());
      if (store.get(uh[0], uh[1]).isPresent() && c.ifNotExists()) {
        session.warn(
            Warning.warning(
                ErrorCode.ER_USER_ALREADY_EXISTS.number(),
                ErrorCode.ER_USER_ALREADY_EXISTS.message(quoted(uh))));
        continue;
      }
      store.create(
          uh[0],
          uh[1],
          plugin(auth.plugin()),
          auth.password() == null ? "" : auth.password(),
          o.passwordExpire(),
          Boolean.TRUE.equals(o.requireSsl()),
          Boolean.TRUE.equals(o.locked()));
    }
    return UpdateResult.OK;
  }

  StatementResult alterUser(Admin.AlterUser c) {
    try {
      return alter(c);
    } finally {
      session.engine().privilegesChanged();
    }
  }

  private StatementResult alter(Admin.AlterUser c) {
    Admin.AccountOptions o = c.options();
    for (Admin.UserAuth auth : c.users()) {
      String[] uh = resolve(auth.user());
      boolean self = auth.user().current() || isSelf(uh);
      if (!self) {
        session.requireAny("CREATE USER");
      }
      if (store.get(uh[0], uh[1]).isEmpty()) {
        if (c.ifExists()) {
          session.warn(
              Warning.warning(
                  ErrorCode.ER_USER_DOES_NOT_EXIST.number(),
                  ErrorCode.ER_USER_DOES_NOT_EXIST.message(quoted(uh))));
          continue;
        }
        throw new MysqlException(ErrorCode.ER_CANNOT_USER, "ALTER USER", quoted(uh));
      }
      if (auth.password() != null) {
        store.setPassword(
            uh[0], uh[1], auth.plugin() == null ? null : plugin(auth.plugin()), auth.password());
        if (self) {
          session.passwordChanged();
        }
      }
      if (o.passwordExpire() || o.locked() != null || o.requireSsl() != null) {
        if (self && session.info().passwordExpired() && auth.password() == null) {
          throw new MysqlException(ErrorCode.ER_MUST_CHANGE_PASSWORD);
        }
        store.setFlags(uh[0], uh[1], o.passwordExpire() ? true : null, o.locked(), o.requireSsl());
      }
    }
    return UpdateResult.OK;
  }

  StatementResult dropUser(Admin.DropUser d) {
    try {
      return drop(d);
    } finally {
      session.engine().privilegesChanged();
    }
  }

  private StatementResult drop(Admin.DropUser d) {
    session.requireAny("CREATE USER");
    for (UserSpec u : d.users()) {
      String[] uh = resolve(u);
      if (store.get(uh[0], uh[1]).isEmpty() && d.ifExists()) {
        session.warn(
            Warning.warning(
                ErrorCode.ER_USER_DOES_NOT_EXIST.number(),
                ErrorCode.ER_USER_DOES_NOT_EXIST.message(quoted(uh))));
        continue;
      }
      store.drop(uh[0], uh[1]);
    }
    return UpdateResult.OK;
  }

  StatementResult setPassword(Admin.SetPassword p) {
    String[] uh = resolve(p.user() == null ? UserSpec.currentUser() : p.user());
    boolean self = p.user() == null || p.user().current() || isSelf(uh);
    if (!self) {
      session.requireAny("CREATE USER");
    }
    if (store.get(uh[0], uh[1]).isEmpty()) {
      throw new MysqlException(ErrorCode.ER_PASSWORD_NO_MATCH);
    }
    store.setPassword(uh[0], uh[1], null, p.password());
    session.engine().privilegesChanged();
    if (self) {
      session.passwordChanged();
    }
    return UpdateResult.OK;
  }

  StatementResult renameUser(Admin.RenameUser r) {
    try {
      session.requireAny("CREATE USER");
      for (int i = 0; i < r.from().size(); i++) {
        String[] from = resolve(r.from().get(i));
        String[] to = resolve(r.to().get(i));
        store.rename(from[0], from[1], to[0], to[1]);
      }
      return UpdateResult.OK;
    } finally {
      session.engine().privilegesChanged();
    }
  }

  StatementResult grant(Admin.Grant g) {
    GrantLevel level = GrantLevel.of(session, g.level());
    Set<String> privileges = level.privileges(g.privileges());
    if (g.withGrantOption()) {
      privileges.add(Privileges.GRANT_OPTION);
    }
    level.requireGrantable(session, privileges);
    for (UserSpec u : g.users()) {
      String[] uh = resolve(u);
      if (store.get(uh[0], uh[1]).isEmpty()) {
        throw new MysqlException(ErrorCode.ER_CANT_CREATE_USER_WITH_GRANT);
      }
      store.grant(uh[0], uh[1], level.database(), level.table(), privileges);
    }
    return UpdateResult.OK;
  }

  StatementResult revoke(Admin.Revoke r) {
    GrantLevel level = GrantLevel.of(session, r.level());
    Set<String> privileges = level.privileges(r.privileges());
    level.requireGrantable(session, privileges);
    for (UserSpec u : r.users()) {
      String[] uh = resolve(u);
      if (store.get(uh[0], uh[1]).isEmpty()) {
        throw new MysqlException(ErrorCode.ER_NONEXISTING_GRANT, uh[0], uh[1]);
      }
      level.requireGranted(store.grants(uh[0], uh[1]), uh);
      store.revoke(uh[0], uh[1], level.database(), level.table(), privileges);
    }
    return UpdateResult.OK;
  }

  StatementResult showGrants(UserSpec u) {
    String[] uh = resolve(u == null ? UserSpec.currentUser() : u);
    StoredAccount account =
        store
            .get(uh[0], uh[1])
            .orElseThrow(() -> new MysqlException(ErrorCode.ER_NONEXISTING_GRANT, uh[0], uh[1]));
    List<Row> rows = new ArrayList<>();
    for (String line : GrantsText.lines(account)) {
      rows.add(Row.of(line));
    }
    return new ResultSet(List.of(ColumnMeta.text("Grants for " + uh[0] + "@" + uh[1], 1024)), rows);
  }
}
