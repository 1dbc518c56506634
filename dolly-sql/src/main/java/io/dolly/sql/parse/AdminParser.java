package io.dolly.sql.parse;

import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Admin.AccountOptions;
import io.dolly.sql.ast.Admin.UserAuth;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Transactions, locks, FLUSH, accounts and grants, plugins, KILL, SHUTDOWN, prepared statements.
 */
final class AdminParser {
  private final TokenStream ts;
  private final Parser parser;

  AdminParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  /** An account name: 'u'@'h', u@h, `u`@`h`, 'u' (host %), CURRENT_USER[()]. */
  UserSpec user() {
    if (ts.atWord("CURRENT_USER")) {
      ts.next();
      if (ts.acceptOp("(")) {
        ts.expectOp(")");
      }
      return UserSpec.currentUser();
    }
    Token u = ts.peek();
    String user;
    if (u.type() == TokenType.STRING || u.type() == TokenType.QUOTED_ID) {
      user = ts.next().text();
    } else if (u.type() == TokenType.WORD) {
      user = ts.next().text();
    } else {
      throw ts.error();
    }
    Token h = ts.peek();
    if (h.type() == TokenType.USER_VAR) {
      ts.next();
      String host = h.text();
      if (host.isEmpty()
          && (ts.peek().type() == TokenType.STRING || ts.peek().type() == TokenType.WORD)) {
        host = ts.next().text();
      }
      return new UserSpec(user, host, false);
    }
    return new UserSpec(user, "%", false);
  }

  private List<UserSpec> users() {
    List<UserSpec> out = new ArrayList<>();
    do {
      out.add(user());
    } while (ts.acceptOp(","));
    return out;
  }

  Statement transactionStart(boolean begin) {
    if (begin) {
      ts.acceptWord("WORK");
      return new Admin.StartTransaction(false, null);
    }
    ts.expectWord("TRANSACTION");
    boolean snapshot = false;
    Boolean readOnly = null;
    if (!ts.atEnd()) {
      do {
        if (ts.acceptWord("WITH")) {
          ts.expectWord("CONSISTENT");
          ts.expectWord("SNAPSHOT");
          snapshot = true;
        } else {
          ts.expectWord("READ");
          if (ts.acceptWord("ONLY")) {
            readOnly = true;
          } else {
            ts.expectWord("WRITE");
            readOnly = false;
          }
        }
      } while (ts.acceptOp(","));
    }
    return new Admin.StartTransaction(snapshot, readOnly);
  }

  Statement commit() {
    ts.acceptWord("WORK");
    chainAndRelease();
    return new Admin.Commit();
  }

  private void chainAndRelease() {
    if (ts.acceptWord("AND")) {
      ts.acceptWord("NO");
      ts.expectWord("CHAIN");
    }
    if (ts.acceptWord("NO")) {
      ts.expectWord("RELEASE");
    } else {
      ts.acceptWord("RELEASE");
    }
  }

  Statement rollback() {
    ts.acceptWord("WORK");
    if (ts.acceptWord("TO")) {
      ts.acceptWord("SAVEPOINT");
      return new Admin.Rollback(ts.identifier());
    }
    chainAndRelease();
    return new Admin.Rollback(null);
  }

  Statement lock() {
    if (ts.acceptWord("INSTANCE")) {
      ts.expectWord("FOR");
      ts.expectWord("BACKUP");
      return new Admin.LockInstance();
    }
    if (!ts.acceptWord("TABLES")) {
      ts.expectWord("TABLE");
    }
    List<Admin.TableLock> locks = new ArrayList<>();
    do {
      TableName table = parser.queries().tableName();
      String alias = null;
      if (ts.acceptWord("AS")) {
        alias = ts.identifier();
      } else if (ts.atIdentifier()
          && !ts.atWord("READ")
          && !ts.atWord("WRITE")
          && !ts.atWord("LOW_PRIORITY")) {
        alias = ts.identifier();
      }
      String mode;
      if (ts.acceptWord("READ")) {
        mode = ts.acceptWord("LOCAL") ? "READ LOCAL" : "READ";
      } else if (ts.acceptWord("LOW_PRIORITY")) {
        ts.expectWord("WRITE");
        mode = "LOW_PRIORITY WRITE";
      } else {
        ts.expectWord("WRITE");
        mode = "WRITE";
      }
      locks.add(new Admin.TableLock(table, alias, mode));
    } while (ts.acceptOp(","));
    return new Admin.LockTables(locks);
  }

  Statement unlock() {
    if (ts.acceptWord("INSTANCE")) {
      return new Admin.UnlockInstance();
    }
    if (!ts.acceptWord("TABLES")) {
      ts.expectWord("TABLE");
    }
    return new Admin.UnlockTables();
  }

  Statement flush() {
    if (!ts.acceptWord("NO_WRITE_TO_BINLOG")) {
      ts.acceptWord("LOCAL");
    }
    List<String> options = new ArrayList<>();
    List<TableName> tables = new ArrayList<>();
    boolean readLock = false;
    do {
      Token t = ts.peek();
      if (t.type() != TokenType.WORD) {
        throw ts.error();
      }
      ts.next();
      String option = t.upper();
      if (option.equals("TABLES") || option.equals("TABLE")) {
        option = "TABLES";
        while (ts.atIdentifier()) {
          tables.add(parser.queries().tableName());
          if (!ts.acceptOp(",")) {
            break;
          }
        }
        if (ts.acceptWord("WITH")) {
          ts.expectWord("READ");
          ts.expectWord("LOCK");
          readLock = true;
        } else if (ts.acceptWord("FOR")) {
          ts.expectWord("EXPORT");
        }
      } else if (List.of("BINARY", "ENGINE", "ERROR", "GENERAL", "RELAY", "SLOW")
          .contains(option)) {
        ts.expectWord("LOGS");
        option = option + " LOGS";
      } else if (option.equals("USER_RESOURCES")
          || option.equals("PRIVILEGES")
          || option.equals("LOGS")
          || option.equals("STATUS")
          || option.equals("HOSTS")
          || option.equals("OPTIMIZER_COSTS")) {
        // a plain option
      } else {
        throw SyntaxError.near(ts.input(), t.start(), t.line());
      }
      options.add(option);
    } while (ts.acceptOp(","));
    return new Admin.Flush(options, tables, readLock);
  }

  Statement createUser() {
    boolean ifNotExists = false;
    if (ts.acceptWord("IF")) {
      ts.expectWord("NOT");
      ts.expectWord("EXISTS");
      ifNotExists = true;
    }
    List<UserAuth> users = userAuths(true);
    return new Admin.CreateUser(ifNotExists, users, accountOptions());
  }

  Statement alterUser() {
    boolean ifExists = false;
    if (ts.acceptWord("IF")) {
      ts.expectWord("EXISTS");
      ifExists = true;
    }
    List<UserAuth> users = userAuths(false);
    return new Admin.AlterUser(ifExists, users, accountOptions());
  }

  private List<UserAuth> userAuths(boolean create) {
    List<UserAuth> out = new ArrayList<>();
    do {
      UserSpec u;
      if (!create && ts.atWord("USER") && ts.peek(1).isOp("(")) {
        ts.next();
        ts.next();
        ts.expectOp(")");
        u = UserSpec.currentUser();
      } else {
        u = user();
      }
      String plugin = null;
      String password = null;
      if (ts.acceptWord("IDENTIFIED")) {
        if (ts.acceptWord("WITH")) {
          plugin = ts.identifierOrString().toLowerCase(Locale.ROOT);
          if (ts.acceptWord("BY")) {
            password = ts.string();
          }
        } else {
          ts.expectWord("BY");
          password = ts.string();
        }
      }
      out.add(new UserAuth(u, plugin, password));
    } while (ts.acceptOp(","));
    return out;
  }

  private AccountOptions accountOptions() {
    Boolean requireSsl = null;
    boolean expire = false;
    Boolean locked = null;
    while (!ts.atEnd()) {
      if (ts.acceptWord("REQUIRE")) {
        if (ts.acceptWord("NONE")) {
          requireSsl = false;
        } else if (ts.acceptWord("SSL") || ts.acceptWord("X509")) {
          requireSsl = true;
        } else {
          throw ts.error();
        }
      } else if (ts.acceptWord("PASSWORD")) {
        ts.expectWord("EXPIRE");
        expire = true;
        if (ts.acceptWord("INTERVAL")) {
          ts.integer();
          ts.expectWord("DAY");
        } else if (!ts.acceptWord("NEVER")) {
          ts.acceptWord("DEFAULT");
        }
      } else if (ts.acceptWord("ACCOUNT")) {
        if (ts.acceptWord("LOCK")) {
          locked = true;
        } else {
          ts.expectWord("UNLOCK");
          locked = false;
        }
      } else {
        throw ts.error();
      }
    }
    return new AccountOptions(requireSsl, expire, locked);
  }

  Statement dropUser() {
    boolean ifExists = false;
    if (ts.acceptWord("IF")) {
      ts.expectWord("EXISTS");
      ifExists = true;
    }
    return new Admin.DropUser(ifExists, users());
  }

  Statement renameUser() {
    List<UserSpec> from = new ArrayList<>();
    List<UserSpec> to = new ArrayList<>();
    do {
      from.add(user());
      ts.expectWord("TO");
      to.add(user());
    } while (ts.acceptOp(","));
    return new Admin.RenameUser(from, to);
  }

  Statement grant() {
    List<Admin.Privilege> privileges = privileges();
    Admin.GrantLevel level = grantLevel();
    ts.expectWord("TO");
    List<UserSpec> users = users();
    boolean withGrant = false;
    if (ts.acceptWord("WITH")) {
      ts.expectWord("GRANT");
      ts.expectWord("OPTION");
      withGrant = true;
    }
    return new Admin.Grant(privileges, level, users, withGrant);
  }

  Statement revoke() {
    List<Admin.Privilege> privileges = privileges();
    if (ts.acceptWord("FROM")) {
      // REVOKE ALL [PRIVILEGES], GRANT OPTION FROM u: every grant of every level.
      if (!privileges.equals(
          List.of(
              new Admin.Privilege("ALL", List.of()),
              new Admin.Privilege("GRANT OPTION", List.of())))) {
        throw ts.error();
      }
      return new Admin.Revoke(privileges, null, users());
    }
    Admin.GrantLevel level = grantLevel();
    ts.expectWord("FROM");
    return new Admin.Revoke(privileges, level, users());
  }

  private List<Admin.Privilege> privileges() {
    List<Admin.Privilege> out = new ArrayList<>();
    do {
      StringBuilder name = new StringBuilder();
      while (ts.peek().type() == TokenType.WORD && !ts.atWord("ON") && !ts.atWord("FROM")) {
        if (!name.isEmpty()) {
          name.append(' ');
        }
        name.append(ts.next().upper());
      }
      if (name.isEmpty()) {
        throw ts.error();
      }
      String n = name.toString();
      if (n.equals("ALL PRIVILEGES")) {
        n = "ALL";
      }
      List<String> columns = List.of();
      if (ts.acceptOp("(")) {
        columns = parser.queries().identifierList();
      }
      out.add(new Admin.Privilege(n, columns));
    } while (ts.acceptOp(","));
    return out;
  }

  private Admin.GrantLevel grantLevel() {
    ts.expectWord("ON");
    ts.acceptWord("TABLE");
    String first = ts.acceptOp("*") ? "*" : ts.identifier();
    if (ts.acceptOp(".")) {
      String second = ts.acceptOp("*") ? "*" : ts.name();
      return new Admin.GrantLevel(first, second);
    }
    return new Admin.GrantLevel(null, first);
  }

  Statement install() {
    ts.expectWord("PLUGIN");
    String name = ts.identifier();
    ts.expectWord("SONAME");
    return new Admin.InstallPlugin(name, ts.string());
  }

  Statement uninstall() {
    ts.expectWord("PLUGIN");
    return new Admin.UninstallPlugin(ts.identifier());
  }

  Statement kill() {
    boolean query = false;
    if (ts.acceptWord("QUERY")) {
      query = true;
    } else {
      ts.acceptWord("CONNECTION");
    }
    return new Admin.Kill(query, parser.expressions().parse());
  }

  Statement prepare() {
    String name = ts.identifier();
    ts.expectWord("FROM");
    Token t = ts.peek();
    if (t.type() == TokenType.STRING) {
      return new Admin.Prepare(name, new Expression.StringLiteral(ts.next().text(), null));
    }
    if (t.type() == TokenType.USER_VAR) {
      ts.next();
      return new Admin.Prepare(name, new Expression.UserVar(t.text()));
    }
    throw ts.error();
  }

  Statement execute() {
    String name = ts.identifier();
    List<String> vars = new ArrayList<>();
    if (ts.acceptWord("USING")) {
      do {
        Token t = ts.peek();
        if (t.type() != TokenType.USER_VAR) {
          throw ts.error();
        }
        vars.add(ts.next().text());
      } while (ts.acceptOp(","));
    }
    return new Admin.Execute(name, vars);
  }

  Statement deallocate() {
    ts.expectWord("PREPARE");
    return new Admin.Deallocate(ts.identifier());
  }

  Statement reset() {
    ts.expectWord("PERSIST");
    if (ts.atEnd()) {
      return new Admin.ResetPersist(false, null);
    }
    boolean ifExists = false;
    if (ts.acceptWord("IF")) {
      ts.expectWord("EXISTS");
      ifExists = true;
    }
    return new Admin.ResetPersist(ifExists, ts.identifier().toLowerCase(Locale.ROOT));
  }

  Statement cloneStatement() {
    if (ts.acceptWord("LOCAL")) {
      ts.expectWord("DATA");
      ts.expectWord("DIRECTORY");
      ts.acceptOp("=");
      return new Admin.CloneLocal(ts.string());
    }
    ts.expectWord("INSTANCE");
    ts.expectWord("FROM");
    UserSpec donor = user();
    if (donor.current()) {
      throw ts.error();
    }
    ts.expectOp(":");
    int port = ts.integer();
    ts.expectWord("IDENTIFIED");
    ts.expectWord("BY");
    String password = ts.string();
    String directory = null;
    if (ts.acceptWord("DATA")) {
      ts.expectWord("DIRECTORY");
      ts.acceptOp("=");
      directory = ts.string();
    }
    Boolean ssl = null;
    if (ts.acceptWord("REQUIRE")) {
      ssl = !ts.acceptWord("NO");
      ts.expectWord("SSL");
    }
    return new Admin.CloneInstance(donor.user(), donor.host(), port, password, directory, ssl);
  }
}
