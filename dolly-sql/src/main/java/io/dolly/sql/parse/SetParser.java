package io.dolly.sql.parse;

import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.UserSpec;
import io.dolly.sql.ast.VarScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SET in all its forms; SET is consumed. */
final class SetParser {
  private final TokenStream ts;
  private final Parser parser;

  SetParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  Statement set() {
    if (ts.atWord("TRANSACTION")
        || ((ts.atWord("GLOBAL") || ts.atWord("SESSION") || ts.atWord("LOCAL"))
            && ts.peek(1).isWord("TRANSACTION"))) {
      return transaction();
    }
    if (ts.atWord("PASSWORD") && (ts.peek(1).isWord("FOR") || ts.peek(1).isOp("="))) {
      ts.next();
      UserSpec user = ts.acceptWord("FOR") ? parser.admin().user() : null;
      ts.expectOp("=");
      return new Admin.SetPassword(user, ts.string());
    }
    List<Admin.SetItem> items = new ArrayList<>();
    do {
      items.add(item());
    } while (ts.acceptOp(","));
    return new Admin.Set(items);
  }

  private Statement transaction() {
    VarScope scope = VarScope.DEFAULT;
    if (!ts.atWord("TRANSACTION")) {
      scope = ts.next().upper().equals("GLOBAL") ? VarScope.GLOBAL : VarScope.SESSION;
    }
    ts.expectWord("TRANSACTION");
    String isolation = null;
    Boolean readOnly = null;
    do {
      if (ts.acceptWord("ISOLATION")) {
        ts.expectWord("LEVEL");
        if (ts.acceptWord("SERIALIZABLE")) {
          isolation = "SERIALIZABLE";
        } else if (ts.acceptWord("REPEATABLE")) {
          ts.expectWord("READ");
          isolation = "REPEATABLE-READ";
        } else {
          ts.expectWord("READ");
          if (ts.acceptWord("COMMITTED")) {
            isolation = "READ-COMMITTED";
          } else {
            ts.expectWord("UNCOMMITTED");
            isolation = "READ-UNCOMMITTED";
          }
        }
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
    return new Admin.SetTransaction(scope, isolation, readOnly);
  }

  private Admin.SetItem item() {
    Token t = ts.peek();
    if (t.type() == TokenType.USER_VAR) {
      ts.next();
      if (!ts.acceptOp("=")) {
        ts.expectOp(":=");
      }
      return new Admin.SetVariable(true, null, t.text(), value());
    }
    if (t.type() == TokenType.SYS_VAR) {
      ts.next();
      Expression.SysVar v = ExpressionParser.sysVar(t);
      assignOp();
      return new Admin.SetVariable(false, v.scope(), v.name(), value());
    }
    if (ts.acceptWord("NAMES")) {
      if (ts.acceptWord("DEFAULT")) {
        return new Admin.SetNames(null, null);
      }
      String charset = ts.name().toLowerCase(Locale.ROOT);
      String collation = ts.acceptWord("COLLATE") ? ts.name().toLowerCase(Locale.ROOT) : null;
      return new Admin.SetNames(charset, collation);
    }
    if (ts.acceptWords("CHARACTER", "SET") || ts.acceptWord("CHARSET")) {
      if (ts.acceptWord("DEFAULT")) {
        return new Admin.SetCharset(null);
      }
      return new Admin.SetCharset(ts.name().toLowerCase(Locale.ROOT));
    }
    VarScope scope = VarScope.DEFAULT;
    if (t.type() == TokenType.WORD && !ts.peek(1).isOp("=") && !ts.peek(1).isOp(":=")) {
      switch (t.upper()) {
        case "GLOBAL" -> scope = VarScope.GLOBAL;
        case "SESSION", "LOCAL" -> scope = VarScope.SESSION;
        case "PERSIST" -> scope = VarScope.PERSIST;
        case "PERSIST_ONLY" -> scope = VarScope.PERSIST_ONLY;
        default -> {}
      }
      if (scope != VarScope.DEFAULT) {
        ts.next();
      }
    }
    String name = ts.name();
    if (ts.acceptOp(".")) {
      // component.variable names (validate_password.length) stay dotted
      name = name + "." + ts.name();
    }
    assignOp();
    return new Admin.SetVariable(false, scope, name.toLowerCase(Locale.ROOT), value());
  }

  private void assignOp() {
    if (!ts.acceptOp("=")) {
      ts.expectOp(":=");
    }
  }

  /**
   * The value of a system variable: an expression, or a bare word such as ON, OFF or a sql_mode
   * name, which MySQL takes as the string it spells.
   */
  private Expression value() {
    Token t = ts.peek();
    Token after = ts.peek(1);
    if (t.type() == TokenType.WORD
        && (after.type() == TokenType.EOF || after.isOp(",") || after.isOp(";"))) {
      switch (t.upper()) {
        case "DEFAULT", "NULL", "TRUE", "FALSE" -> {}
        default -> {
          ts.next();
          return new Expression.ColumnRef(List.of(t.text()));
        }
      }
    }
    return parser.expressions().parse();
  }
}
