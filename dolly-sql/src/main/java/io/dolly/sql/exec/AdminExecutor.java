package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.account.HostPattern;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.parse.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Session, transaction, server and plugin statements. */
final class AdminExecutor {
  private final SqlSession session;

  AdminExecutor(SqlSession session) {
    this.session = session;
  }

  StatementResult execute(Admin a) {
    return switch (a) {
      case Admin.Use u -> {
        session.useDatabase(u.database());
        yield UpdateResult.OK;
      }
      case Admin.Show s -> new ShowExecutor(session).show(s);
      case Admin.Set s -> new SetExecutor(session).set(s);
      case Admin.SetTransaction t -> new SetExecutor(session).transaction(t);
      case Admin.SetPassword p -> new AccountExecutor(session).setPassword(p);
      case Admin.StartTransaction t -> {
        // Starting a transaction commits the one in progress and unlocks tables, as in MySQL.
        session.engine().tableLocks().release(session);
        if (storage()) {
          session.transaction().begin();
        }
        session.beginTransaction();
        yield UpdateResult.OK;
      }
      case Admin.Commit c -> {
        commit();
        yield UpdateResult.OK;
      }
      case Admin.Rollback r -> rollback(r);
      case Admin.Savepoint s -> {
        if (storage()) {
          session.transaction().savepoint(s.name().toLowerCase(Locale.ROOT));
        }
        session.savepoints().remove(s.name().toLowerCase(Locale.ROOT));
        session.savepoints().add(s.name().toLowerCase(Locale.ROOT));
        yield UpdateResult.OK;
      }
      case Admin.ReleaseSavepoint s -> {
        if (!session.savepoints().remove(s.name().toLowerCase(Locale.ROOT))) {
          throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "SAVEPOINT", s.name());
        }
        if (storage()) {
          session.transaction().releaseSavepoint(s.name().toLowerCase(Locale.ROOT));
        }
        yield UpdateResult.OK;
      }
      case Admin.LockTables l -> lockTables(l);
      case Admin.UnlockTables u -> {
        // UNLOCK TABLES commits only when it releases table locks.
        if (session.engine().tableLocks().release(session)) {
          commit();
        }
        yield UpdateResult.OK;
      }
      case Admin.LockInstance l -> {
        session.requireAny("BACKUP_ADMIN");
        yield UpdateResult.OK;
      }
      case Admin.UnlockInstance u -> UpdateResult.OK;
      case Admin.Flush f -> {
        session.requireAny("RELOAD");
        if (f.options().contains("PRIVILEGES")) {
          session.engine().reloadPrivileges();
        }
        yield UpdateResult.OK;
      }
      case Admin.CreateUser c -> new AccountExecutor(session).createUser(c);
      case Admin.AlterUser c -> new AccountExecutor(session).alterUser(c);
      case Admin.DropUser d -> new AccountExecutor(session).dropUser(d);
      case Admin.RenameUser r -> new AccountExecutor(session).renameUser(r);
      case Admin.Grant g -> new AccountExecutor(session).grant(g);
      case Admin.Revoke r -> new AccountExecutor(session).revoke(r);
      case Admin.InstallPlugin p -> {
        session.requireAny("INSERT");
        if (!p.name().equalsIgnoreCase("clone")) {
          throw SyntaxErrors.unsupported("INSTALL PLUGIN " + p.name());
        }
        // CLONE is built into Dolly; installing it is accepted so that MySQL scripts run.
        yield UpdateResult.OK;
      }
      case Admin.UninstallPlugin p -> {
        if (ShowExecutor.BUILT_IN_PLUGINS.stream().anyMatch(n -> n.equalsIgnoreCase(p.name()))) {
          throw new MysqlException(ErrorCode.ER_PLUGIN_DELETE_BUILTIN);
        }
        throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "PLUGIN", p.name());
      }
      case Admin.Kill k -> kill(k);
      case Admin.Shutdown s -> {
        session.requireAny("SHUTDOWN");
        session.engine().server().shutdown();
        yield UpdateResult.OK;
      }
      case Admin.Prepare p -> prepare(p);
      case Admin.Execute e -> executePrepared(e);
      case Admin.Deallocate d -> {
        if (session.prepared().remove(d.name().toLowerCase(Locale.ROOT)) == null) {
          throw new MysqlException(
              ErrorCode.ER_UNKNOWN_STMT_HANDLER, d.name(), "DEALLOCATE PREPARE");
        }
        yield UpdateResult.OK;
      }
      case Admin.ResetPersist r -> {
        session.requireAny("SYSTEM_VARIABLES_ADMIN", "SUPER");
        session.engine().variables().resetPersist(r.name(), r.ifExists(), session::warn);
        yield UpdateResult.OK;
      }
      case Admin.CloneLocal c -> throw SyntaxErrors.unsupported("CLONE");
      case Admin.CloneInstance c -> throw SyntaxErrors.unsupported("CLONE");
    };
  }

  private void commit() {
    if (storage()) {
      session.transaction().commit();
    }
    session.endTransaction();
  }

  /**
   * LOCK TABLES commits the transaction in progress and releases the session's table locks, then
   * locks every named table (1146 for one that does not exist) or none.
   */
  private StatementResult lockTables(Admin.LockTables l) {
    session.engine().tableLocks().release(session);
    commit();
    Map<String, Boolean> tables = new HashMap<>();
    for (Admin.TableLock lock : l.tables()) {
      var t =
          session
              .findTable(lock.table().schema(), lock.table().name())
              .orElseThrow(
                  () ->
                      new MysqlException(
                          ErrorCode.ER_NO_SUCH_TABLE,
                          session.schemaOf(lock.table().schema()),
                          lock.table().name()));
      boolean write = lock.mode().endsWith("WRITE");
      tables.merge(
          TableLocks.key(t.definition().schema(), t.definition().name()),
          write,
          Boolean::logicalOr);
    }
    session.engine().tableLocks().lock(session, tables, session.lockWaitTimeout());
    return UpdateResult.OK;
  }

  private boolean storage() {
    return session.engine().transactions() != null;
  }

  private StatementResult rollback(Admin.Rollback r) {
    if (r.savepoint() == null) {
      if (storage()) {
        session.transaction().rollback();
      }
      session.endTransaction();
      return UpdateResult.OK;
    }
    String name = r.savepoint().toLowerCase(Locale.ROOT);
    if (!session.savepoints().contains(name)) {
      throw new MysqlException(ErrorCode.ER_SP_DOES_NOT_EXIST, "SAVEPOINT", r.savepoint());
    }
    // Savepoints set after this one are released by rolling back to it.
    List<String> all = new ArrayList<>(session.savepoints());
    for (String later : all.subList(all.indexOf(name) + 1, all.size())) {
      session.savepoints().remove(later);
    }
    if (storage()) {
      session.transaction().rollbackToSavepoint(name);
    }
    return UpdateResult.OK;
  }

  private StatementResult kill(Admin.Kill k) {
    long id = new Evaluator(session.evalContext()).eval(k.id()).asLong();
    session.engine().checkKill(session.info().connectionId(), id);
    session.engine().server().kill(id, k.queryOnly(), session.info());
    return UpdateResult.OK;
  }

  private StatementResult prepare(Admin.Prepare p) {
    Value source = new Evaluator(session.evalContext()).eval(p.source());
    String text = source.isNull() ? "NULL" : source.text();
    Statement parsed = Parser.parseOne(text);
    if (parsed instanceof Admin.Prepare
        || parsed instanceof Admin.Execute
        || parsed instanceof Admin.Deallocate) {
      throw new MysqlException(ErrorCode.ER_UNSUPPORTED_PS);
    }
    session.prepared().put(p.name().toLowerCase(Locale.ROOT), text);
    return new UpdateResult(0, 0, "Statement prepared");
  }

  private StatementResult executePrepared(Admin.Execute e) {
    String text = session.prepared().get(e.name().toLowerCase(Locale.ROOT));
    if (text == null) {
      throw new MysqlException(ErrorCode.ER_UNKNOWN_STMT_HANDLER, e.name(), "EXECUTE");
    }
    EvalContext ctx = session.evalContext();
    List<Value> values = new ArrayList<>();
    for (String var : e.using()) {
      values.add(ctx.userVar(var));
    }
    Statement s = Parser.parseOne(text);
    List<Value> saved = session.params();
    session.setParams(values);
    try {
      return switch (s) {
        case Admin a -> execute(a);
        default -> session.runNested(s, text);
      };
    } finally {
      session.setParams(saved);
    }
  }

  static String displayHost(String clientHost) {
    return HostPattern.displayHost(clientHost);
  }

  static boolean isUserVar(Expression e) {
    return e instanceof Expression.UserVar;
  }
}
