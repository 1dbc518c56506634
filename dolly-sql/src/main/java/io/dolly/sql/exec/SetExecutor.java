package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.VarScope;
import io.dolly.sql.charset.Collation;
import io.dolly.sql.charset.Collations;
import io.dolly.sql.sysvar.SessionVariables;
import io.dolly.sql.sysvar.SystemVariables;

/** SET in all forms: user and system variables, NAMES, CHARACTER SET, TRANSACTION. */
final class SetExecutor {
  private final SqlSession session;
  private final Evaluator evaluator;

  SetExecutor(SqlSession session) {
    this.session = session;
    this.evaluator = new Evaluator(session.evalContext());
  }

  StatementResult set(Admin.Set s) {
    for (Admin.SetItem item : s.items()) {
      switch (item) {
        case Admin.SetVariable v when v.user() ->
            session.evalContext().setUserVar(v.name(), evaluator.eval(v.value()));
        case Admin.SetVariable v -> system(v.scope(), v.name(), value(v.value()));
        case Admin.SetNames n -> names(n);
        case Admin.SetCharset c -> charset(c);
      }
    }
    return UpdateResult.OK;
  }

  /**
   * The SQL value for a system variable: DEFAULT, a bare word (ON, OFF, a mode name) as the string
   * it spells, or the evaluated expression.
   */
  private Object value(Expression e) {
    if (e instanceof Expression.Default) {
      return SystemVariables.DEFAULT;
    }
    if (e instanceof Expression.ColumnRef c && c.parts().size() == 1) {
      return c.name();
    }
    if (e instanceof Expression.BoolLiteral b) {
      return b.value() ? 1L : 0L;
    }
    return evaluator.eval(e).forAssignment();
  }

  void system(VarScope scope, String name, Object value) {
    SystemVariables globals = session.engine().variables();
    SessionVariables vars = session.variables();
    switch (scope) {
      case GLOBAL -> {
        globals.require(name);
        session.requireAny("SUPER", "SYSTEM_VARIABLES_ADMIN");
        globals.setGlobal(name, value, session::warn);
      }
      case PERSIST, PERSIST_ONLY -> {
        globals.require(name);
        session.requireAny("SUPER", "SYSTEM_VARIABLES_ADMIN");
        globals.persist(
            name,
            value,
            scope == VarScope.PERSIST_ONLY,
            session.info().user(),
            AdminExecutor.displayHost(session.info().clientHost()),
            session::warn);
      }
      default -> {
        boolean wasAutocommit = session.autocommit();
        vars.setSession(name, value, session::warn);
        if (name.equalsIgnoreCase("autocommit") && session.autocommit() && !wasAutocommit) {
          // Turning autocommit on commits the open transaction.
          if (session.engine().transactions() != null) {
            session.transaction().commit();
          }
          session.endTransaction();
        }
        if (name.equalsIgnoreCase("innodb_lock_wait_timeout")
            && session.engine().transactions() != null) {
          session.transaction().applyLockWaitTimeout();
        }
      }
    }
  }

  private void names(Admin.SetNames n) {
    String charset = n.charset() == null ? "utf8mb4" : Collations.canonicalCharset(n.charset());
    Collation collation = Collations.defaultOf(charset);
    if (n.collation() != null) {
      collation = Collations.require(n.collation());
      if (!collation.charset().equals(charset)) {
        throw new MysqlException(ErrorCode.ER_COLLATION_CHARSET_MISMATCH, n.collation(), charset);
      }
    }
    SessionVariables vars = session.variables();
    vars.setSession("character_set_client", charset, session::warn);
    vars.setSession("character_set_connection", charset, session::warn);
    vars.setSession("character_set_results", charset, session::warn);
    vars.setSession("collation_connection", collation.name(), session::warn);
  }

  private void charset(Admin.SetCharset c) {
    String charset = c.charset() == null ? "utf8mb4" : Collations.canonicalCharset(c.charset());
    Collations.defaultOf(charset);
    SessionVariables vars = session.variables();
    vars.setSession("character_set_client", charset, session::warn);
    vars.setSession("character_set_results", charset, session::warn);
    Object db = vars.get("character_set_database");
    vars.setSession("character_set_connection", db, session::warn);
    vars.setSession("collation_connection", vars.get("collation_database"), session::warn);
  }

  StatementResult transaction(Admin.SetTransaction t) {
    // Without a scope MySQL changes only the next transaction; until there are transactions
    // with storage behind them, Dolly treats it as the session value.
    VarScope scope = t.scope() == VarScope.GLOBAL ? VarScope.GLOBAL : VarScope.SESSION;
    if (t.isolationLevel() != null) {
      system(scope, "transaction_isolation", t.isolationLevel());
    }
    if (t.readOnly() != null) {
      system(scope, "transaction_read_only", t.readOnly() ? 1L : 0L);
    }
    return UpdateResult.OK;
  }
}
