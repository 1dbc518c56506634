package io.dolly.sql.parse;

import static io.dolly.sql.parse.AstPrinter.join;
import static io.dolly.sql.parse.AstPrinter.table;
import static io.dolly.sql.parse.AstPrinter.user;
import static io.dolly.sql.parse.ExpressionPrinter.id;
import static io.dolly.sql.parse.ExpressionPrinter.quote;

import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.VarScope;

/** The canonical rendering of session, account, server and CLONE statements. */
final class AdminPrinter {
  private final AstPrinter printer;

  AdminPrinter(AstPrinter printer) {
    this.printer = printer;
  }

  String print(Admin a) {
    return switch (a) {
      case Admin.Use u -> "USE " + id(u.database());
      case Admin.Show s -> show(s);
      case Admin.Set s -> "SET " + join(s.items(), this::setItem);
      case Admin.SetTransaction t -> {
        StringBuilder sb = new StringBuilder("SET ").append(AstPrinter.scope(t.scope()));
        sb.append("TRANSACTION");
        String sep = " ";
        if (t.isolationLevel() != null) {
          sb.append(" ISOLATION LEVEL ").append(t.isolationLevel().replace('-', ' '));
          sep = ", ";
        }
        if (t.readOnly() != null) {
          sb.append(sep).append(t.readOnly() ? "READ ONLY" : "READ WRITE");
        }
        yield sb.toString();
      }
      case Admin.SetPassword p ->
          "SET PASSWORD"
              + (p.user() == null ? "" : " FOR " + user(p.user()))
              + " = "
              + quote(p.password());
      case Admin.StartTransaction t -> {
        StringBuilder sb = new StringBuilder("START TRANSACTION");
        String sep = " ";
        if (t.consistentSnapshot()) {
          sb.append(" WITH CONSISTENT SNAPSHOT");
          sep = ", ";
        }
        if (t.readOnly() != null) {
          sb.append(sep).append(t.readOnly() ? "READ ONLY" : "READ WRITE");
        }
        yield sb.toString();
      }
      case Admin.Commit c -> "COMMIT";
      case Admin.Rollback r ->
          r.savepoint() == null ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + id(r.savepoint());
      case Admin.Savepoint s -> "SAVEPOINT " + id(s.name());
      case Admin.ReleaseSavepoint s -> "RELEASE SAVEPOINT " + id(s.name());
      case Admin.LockTables l ->
          "LOCK TABLES "
              + join(
                  l.tables(),
                  t ->
                      table(t.table())
                          + (t.alias() == null ? "" : " AS " + id(t.alias()))
                          + " "
                          + t.mode());
      case Admin.UnlockTables u -> "UNLOCK TABLES";
      case Admin.LockInstance l -> "LOCK INSTANCE FOR BACKUP";
      case Admin.UnlockInstance u -> "UNLOCK INSTANCE";
      case Admin.Flush f -> flush(f);
      case Admin.CreateUser c ->
          "CREATE USER "
              + (c.ifNotExists() ? "IF NOT EXISTS " : "")
              + join(c.users(), this::userAuth)
              + accountOptions(c.options());
      case Admin.AlterUser c ->
          "ALTER USER "
              + (c.ifExists() ? "IF EXISTS " : "")
              + join(c.users(), this::userAuth)
              + accountOptions(c.options());
      case Admin.DropUser d ->
          "DROP USER " + (d.ifExists() ? "IF EXISTS " : "") + join(d.users(), AstPrinter::user);
      case Admin.RenameUser r -> {
        StringBuilder sb = new StringBuilder("RENAME USER ");
        for (int i = 0; i < r.from().size(); i++) {
          sb.append(i == 0 ? "" : ", ")
              .append(user(r.from().get(i)))
              .append(" TO ")
              .append(user(r.to().get(i)));
        }
        yield sb.toString();
      }
      case Admin.Grant g ->
          "GRANT "
              + join(g.privileges(), this::privilege)
              + " ON "
              + level(g.level())
              + " TO "
              + join(g.users(), AstPrinter::user)
              + (g.withGrantOption() ? " WITH GRANT OPTION" : "");
      case Admin.Revoke r ->
          "REVOKE "
              + join(r.privileges(), this::privilege)
              + " ON "
              + level(r.level())
              + " FROM "
              + join(r.users(), AstPrinter::user);
      case Admin.InstallPlugin p ->
          "INSTALL PLUGIN " + id(p.name()) + " SONAME " + quote(p.soname());
      case Admin.UninstallPlugin p -> "UNINSTALL PLUGIN " + id(p.name());
      case Admin.Kill k ->
          "KILL " + (k.queryOnly() ? "QUERY " : "CONNECTION ") + printer.expr(k.id());
      case Admin.Shutdown s -> "SHUTDOWN";
      case Admin.Prepare p -> "PREPARE " + id(p.name()) + " FROM " + printer.expr(p.source());
      case Admin.Execute e ->
          "EXECUTE "
              + id(e.name())
              + (e.using().isEmpty() ? "" : " USING " + join(e.using(), v -> "@" + id(v)));
      case Admin.Deallocate d -> "DEALLOCATE PREPARE " + id(d.name());
      case Admin.ResetPersist r ->
          "RESET PERSIST"
              + (r.name() == null ? "" : (r.ifExists() ? " IF EXISTS " : " ") + id(r.name()));
      case Admin.CloneLocal c -> "CLONE LOCAL DATA DIRECTORY = " + quote(c.directory());
      case Admin.CloneInstance c ->
          "CLONE INSTANCE FROM "
              + quote(c.user())
              + "@"
              + quote(c.host())
              + ":"
              + c.port()
              + " IDENTIFIED BY "
              + quote(c.password())
              + (c.directory() == null ? "" : " DATA DIRECTORY = " + quote(c.directory()))
              + (c.requireSsl() == null ? "" : c.requireSsl() ? " REQUIRE SSL" : " REQUIRE NO SSL");
    };
  }

  private String setItem(Admin.SetItem item) {
    return switch (item) {
      case Admin.SetVariable v when v.user() ->
          "@" + id(v.name()) + " = " + printer.expr(v.value());
      case Admin.SetVariable v ->
          AstPrinter.scope(v.scope()) + id(v.name()) + " = " + printer.expr(v.value());
      case Admin.SetNames n ->
          n.charset() == null
              ? "NAMES DEFAULT"
              : "NAMES " + n.charset() + (n.collation() == null ? "" : " COLLATE " + n.collation());
      case Admin.SetCharset c -> "CHARACTER SET " + (c.charset() == null ? "DEFAULT" : c.charset());
    };
  }

  private String show(Admin.Show s) {
    StringBuilder sb = new StringBuilder("SHOW ");
    if (s.full()) {
      sb.append("FULL ");
    }
    if (s.scope() != VarScope.DEFAULT) {
      sb.append(s.scope().name()).append(' ');
    }
    switch (s.kind()) {
      case COLUMNS, INDEX -> sb.append(s.kind().name()).append(" FROM ").append(table(s.table()));
      case CREATE_TABLE -> sb.append("CREATE TABLE ").append(table(s.table()));
      case CREATE_DATABASE -> sb.append("CREATE DATABASE ").append(id(s.name()));
      case CREATE_USER -> sb.append("CREATE USER ").append(user(s.user()));
      case TABLE_STATUS -> sb.append("TABLE STATUS");
      case COUNT_WARNINGS -> sb.append("COUNT(*) WARNINGS");
      case COUNT_ERRORS -> sb.append("COUNT(*) ERRORS");
      case GRANTS -> sb.append("GRANTS").append(s.user() == null ? "" : " FOR " + user(s.user()));
      case CHARACTER_SET -> sb.append("CHARACTER SET");
      case MASTER_STATUS -> sb.append("MASTER STATUS");
      case BINARY_LOGS -> sb.append("BINARY LOGS");
      case FUNCTION_STATUS -> sb.append("FUNCTION STATUS");
      case PROCEDURE_STATUS -> sb.append("PROCEDURE STATUS");
      default -> sb.append(s.kind().name());
    }
    if (s.from() != null) {
      sb.append(" FROM ").append(id(s.from()));
    }
    if (s.like() != null) {
      sb.append(" LIKE ").append(quote(s.like()));
    }
    if (s.where() != null) {
      sb.append(" WHERE ").append(printer.expr(s.where()));
    }
    return sb.toString();
  }

  private String flush(Admin.Flush f) {
    StringBuilder sb = new StringBuilder("FLUSH ");
    for (int i = 0; i < f.options().size(); i++) {
      String o = f.options().get(i);
      sb.append(i == 0 ? "" : ", ").append(o);
      if (o.equals("TABLES")) {
        if (!f.tables().isEmpty()) {
          sb.append(' ').append(join(f.tables(), AstPrinter::table));
        }
        if (f.readLock()) {
          sb.append(" WITH READ LOCK");
        }
      }
    }
    return sb.toString();
  }

  private String userAuth(Admin.UserAuth u) {
    StringBuilder sb = new StringBuilder(user(u.user()));
    if (u.plugin() != null) {
      sb.append(" IDENTIFIED WITH ").append(u.plugin());
      if (u.password() != null) {
        sb.append(" BY ").append(quote(u.password()));
      }
    } else if (u.password() != null) {
      sb.append(" IDENTIFIED BY ").append(quote(u.password()));
    }
    return sb.toString();
  }

  private String accountOptions(Admin.AccountOptions o) {
    StringBuilder sb = new StringBuilder();
    if (o.requireSsl() != null) {
      sb.append(o.requireSsl() ? " REQUIRE SSL" : " REQUIRE NONE");
    }
    if (o.passwordExpire()) {
      sb.append(" PASSWORD EXPIRE");
    }
    if (o.locked() != null) {
      sb.append(o.locked() ? " ACCOUNT LOCK" : " ACCOUNT UNLOCK");
    }
    return sb.toString();
  }

  private String privilege(Admin.Privilege p) {
    return p.name()
        + (p.columns().isEmpty() ? "" : " (" + join(p.columns(), ExpressionPrinter::id) + ")");
  }

  private static String level(Admin.GrantLevel l) {
    String table = l.table().equals("*") ? "*" : id(l.table());
    if (l.database() == null) {
      return table;
    }
    return (l.database().equals("*") ? "*" : id(l.database())) + "." + table;
  }
}
