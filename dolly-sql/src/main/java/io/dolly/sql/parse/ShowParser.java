package io.dolly.sql.parse;

import io.dolly.sql.ast.Admin.Show;
import io.dolly.sql.ast.Admin.ShowKind;
import io.dolly.sql.ast.Expression;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;
import io.dolly.sql.ast.UserSpec;
import io.dolly.sql.ast.VarScope;

/** Every SHOW form Dolly knows; SHOW is consumed. */
final class ShowParser {
  private final TokenStream ts;
  private final Parser parser;

  ShowParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  Statement show() {
    ts.acceptWord("EXTENDED");
    boolean full = ts.acceptWord("FULL");
    VarScope scope = VarScope.DEFAULT;
    if (ts.atWord("GLOBAL") || ts.atWord("SESSION") || ts.atWord("LOCAL")) {
      scope = ts.next().upper().equals("GLOBAL") ? VarScope.GLOBAL : VarScope.SESSION;
      if (!ts.atWord("VARIABLES") && !ts.atWord("STATUS")) {
        throw ts.error();
      }
    }
    Token t = ts.peek();
    if (t.type() != TokenType.WORD) {
      throw ts.error();
    }
    ts.next();
    switch (t.upper()) {
      case "DATABASES", "SCHEMAS" -> {
        return filtered(ShowKind.DATABASES, full, scope, null, null, null, null);
      }
      case "TABLES" -> {
        return filtered(ShowKind.TABLES, full, scope, null, null, fromDatabase(), null);
      }
      case "COLUMNS", "FIELDS" -> {
        return tableShow(ShowKind.COLUMNS, full);
      }
      case "INDEX", "INDEXES", "KEYS" -> {
        return tableShow(ShowKind.INDEX, full);
      }
      case "TABLE" -> {
        ts.expectWord("STATUS");
        return filtered(ShowKind.TABLE_STATUS, full, scope, null, null, fromDatabase(), null);
      }
      case "CREATE" -> {
        return showCreate();
      }
      case "PROCESSLIST" -> {
        return plain(ShowKind.PROCESSLIST, full);
      }
      case "PLUGINS" -> {
        return filtered(ShowKind.PLUGINS, full, scope, null, null, null, null);
      }
      case "STORAGE", "ENGINES" -> {
        if (t.upper().equals("STORAGE")) {
          ts.expectWord("ENGINES");
        }
        return plain(ShowKind.ENGINES, full);
      }
      case "VARIABLES" -> {
        return filtered(ShowKind.VARIABLES, full, scope, null, null, null, null);
      }
      case "STATUS" -> {
        return filtered(ShowKind.STATUS, full, scope, null, null, null, null);
      }
      case "WARNINGS" -> {
        return plain(ShowKind.WARNINGS, full);
      }
      case "ERRORS" -> {
        return plain(ShowKind.ERRORS, full);
      }
      case "COUNT" -> {
        ts.expectOp("(");
        ts.expectOp("*");
        ts.expectOp(")");
        if (ts.acceptWord("WARNINGS")) {
          return plain(ShowKind.COUNT_WARNINGS, full);
        }
        ts.expectWord("ERRORS");
        return plain(ShowKind.COUNT_ERRORS, full);
      }
      case "GRANTS" -> {
        UserSpec user = ts.acceptWord("FOR") ? parser.admin().user() : null;
        return new Show(ShowKind.GRANTS, full, scope, null, null, null, user, null, null);
      }
      case "CHARACTER", "CHARSET" -> {
        if (t.upper().equals("CHARACTER")) {
          ts.expectWord("SET");
        }
        return filtered(ShowKind.CHARACTER_SET, full, scope, null, null, null, null);
      }
      case "COLLATION" -> {
        return filtered(ShowKind.COLLATION, full, scope, null, null, null, null);
      }
      case "TRIGGERS" -> {
        return filtered(ShowKind.TRIGGERS, full, scope, null, null, fromDatabase(), null);
      }
      case "EVENTS" -> {
        return filtered(ShowKind.EVENTS, full, scope, null, null, fromDatabase(), null);
      }
      case "FUNCTION", "PROCEDURE" -> {
        ts.expectWord("STATUS");
        ShowKind kind =
            t.upper().equals("FUNCTION") ? ShowKind.FUNCTION_STATUS : ShowKind.PROCEDURE_STATUS;
        return filtered(kind, full, scope, null, null, null, null);
      }
      case "MASTER" -> {
        ts.expectWord("STATUS");
        return plain(ShowKind.MASTER_STATUS, full);
      }
      case "BINARY" -> {
        ts.expectWord("LOGS");
        return plain(ShowKind.BINARY_LOGS, full);
      }
      default -> throw SyntaxError.near(ts.input(), t.start(), t.line());
    }
  }

  private Show plain(ShowKind kind, boolean full) {
    return new Show(kind, full, VarScope.DEFAULT, null, null, null, null, null, null);
  }

  private String fromDatabase() {
    if (ts.acceptWord("FROM") || ts.acceptWord("IN")) {
      return ts.identifier();
    }
    return null;
  }

  private Show tableShow(ShowKind kind, boolean full) {
    if (!ts.acceptWord("FROM")) {
      ts.expectWord("IN");
    }
    TableName table = parser.queries().tableName();
    String db = fromDatabase();
    if (db != null) {
      table = new TableName(db, table.name());
    }
    return filtered(kind, full, VarScope.DEFAULT, table, null, null, null);
  }

  private Show showCreate() {
    if (ts.acceptWord("TABLE")) {
      TableName table = parser.queries().tableName();
      return new Show(
          ShowKind.CREATE_TABLE, false, VarScope.DEFAULT, table, null, null, null, null, null);
    }
    if (ts.acceptWord("DATABASE") || ts.acceptWord("SCHEMA")) {
      if (ts.acceptWord("IF")) {
        ts.expectWord("NOT");
        ts.expectWord("EXISTS");
      }
      return new Show(
          ShowKind.CREATE_DATABASE,
          false,
          VarScope.DEFAULT,
          null,
          ts.identifier(),
          null,
          null,
          null,
          null);
    }
    ts.expectWord("USER");
    return new Show(
        ShowKind.CREATE_USER,
        false,
        VarScope.DEFAULT,
        null,
        null,
        null,
        parser.admin().user(),
        null,
        null);
  }

  private Show filtered(
      ShowKind kind,
      boolean full,
      VarScope scope,
      TableName table,
      String name,
      String from,
      UserSpec user) {
    String like = null;
    Expression where = null;
    if (ts.acceptWord("LIKE")) {
      like = ts.string();
    } else if (ts.acceptWord("WHERE")) {
      where = parser.expressions().parse();
    }
    return new Show(kind, full, scope, table, name, from, user, like, where);
  }
}
