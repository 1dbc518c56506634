package io.dolly.sql.parse;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.ast.Admin;
import io.dolly.sql.ast.Statement;
import io.dolly.sql.ast.TableName;

/**
 * Parses SQL text holding one or more {@code ;}-separated statements, one statement per call to
 * {@link #next()}, so that the caller can run each before the next is parsed: a syntax error in the
 * second statement is reported only after the first has run, as MySQL does.
 *
 * <p>Not thread-safe; one instance per text.
 */
public final class Parser {
  private final TokenStream ts;
  private final ExpressionParser expressions;
  private final QueryParser queries;
  private final DdlParser ddl;
  private final AdminParser admin;
  private final ShowParser show;
  private final SetParser set;
  private boolean first = true;
  private int statementStart;
  private int statementEnd;

  public Parser(String sql) {
    this.ts = new TokenStream(new Lexer(sql));
    this.expressions = new ExpressionParser(ts, this);
    this.queries = new QueryParser(ts, this);
    this.ddl = new DdlParser(ts, this);
    this.admin = new AdminParser(ts, this);
    this.show = new ShowParser(ts, this);
    this.set = new SetParser(ts, this);
  }

  /** Parses text that must hold exactly one statement. */
  public static Statement parseOne(String sql) {
    Parser p = new Parser(sql);
    Statement s = p.next();
    if (p.hasNext()) {
      throw p.ts.error();
    }
    return s;
  }

  /** True when more statements follow. */
  public boolean hasNext() {
    return ts.peek().type() != TokenType.EOF;
  }

  /**
   * The next statement, or null when the input is exhausted.
   *
   * @throws MysqlException 1065 when the whole input is empty, 1064 on a syntax error
   */
  public Statement next() {
    if (ts.peek().type() == TokenType.EOF) {
      if (first) {
        throw new MysqlException(ErrorCode.ER_EMPTY_QUERY);
      }
      return null;
    }
    first = false;
    if (ts.atOp(";")) {
      throw new MysqlException(ErrorCode.ER_EMPTY_QUERY);
    }
    statementStart = ts.peek().start();
    Statement s = statement();
    statementEnd = ts.lastEnd();
    if (!ts.acceptOp(";") && ts.peek().type() != TokenType.EOF) {
      throw ts.error();
    }
    return s;
  }

  /** MySQL's 1064 quoting the input from the next token, for text where none may follow. */
  public io.dolly.protocol.error.MysqlException syntaxErrorAtNext() {
    return ts.error();
  }

  /** How many {@code ?} placeholders the statements parsed so far hold. */
  public int parameterCount() {
    return ts.parameterCount();
  }

  /** The text of the statement {@link #next()} returned last, as written. */
  public String lastStatementText() {
    return ts.input().substring(statementStart, statementEnd);
  }

  ExpressionParser expressions() {
    return expressions;
  }

  QueryParser queries() {
    return queries;
  }

  DdlParser ddl() {
    return ddl;
  }

  AdminParser admin() {
    return admin;
  }

  private Statement statement() {
    Token t = ts.peek();
    if (t.isOp("(")) {
      return queries.query();
    }
    if (t.type() != TokenType.WORD) {
      throw ts.error();
    }
    switch (t.upper()) {
      case "SELECT" -> {
        return queries.query();
      }
      case "INSERT" -> {
        return queries.insert(false);
      }
      case "REPLACE" -> {
        return queries.insert(true);
      }
      case "UPDATE" -> {
        return queries.update();
      }
      case "DELETE" -> {
        return queries.delete();
      }
      default -> {}
    }
    ts.next();
    return switch (t.upper()) {
      case "CREATE" -> create();
      case "DROP" -> drop();
      case "ALTER" -> alter();
      case "RENAME" -> ts.acceptWord("USER") ? admin.renameUser() : renameTable();
      case "TRUNCATE" -> ddl.truncate();
      case "OPTIMIZE", "CHECK", "ANALYZE", "CHECKSUM", "REPAIR" -> ddl.maintenance(t.upper());
      case "USE" -> new Admin.Use(ts.identifier());
      case "SHOW" -> show.show();
      case "SET" -> set.set();
      case "BEGIN" -> admin.transactionStart(true);
      case "START" -> admin.transactionStart(false);
      case "COMMIT" -> admin.commit();
      case "ROLLBACK" -> admin.rollback();
      case "SAVEPOINT" -> new Admin.Savepoint(ts.identifier());
      case "RELEASE" -> {
        ts.expectWord("SAVEPOINT");
        yield new Admin.ReleaseSavepoint(ts.identifier());
      }
      case "LOCK" -> admin.lock();
      case "UNLOCK" -> admin.unlock();
      case "FLUSH" -> admin.flush();
      case "GRANT" -> admin.grant();
      case "REVOKE" -> admin.revoke();
      case "INSTALL" -> admin.install();
      case "UNINSTALL" -> admin.uninstall();
      case "KILL" -> admin.kill();
      case "SHUTDOWN" -> new Admin.Shutdown();
      case "EXPLAIN", "DESCRIBE", "DESC" -> explain();
      case "PREPARE" -> admin.prepare();
      case "EXECUTE" -> admin.execute();
      case "DEALLOCATE" -> admin.deallocate();
      case "RESET" -> admin.reset();
      case "CLONE" -> admin.cloneStatement();
      default -> throw SyntaxError.near(ts.input(), t.start(), t.line());
    };
  }

  private Statement create() {
    if (ts.acceptWord("USER")) {
      return admin.createUser();
    }
    return ddl.create();
  }

  private Statement drop() {
    if (ts.acceptWord("USER")) {
      return admin.dropUser();
    }
    if (ts.acceptWord("PREPARE")) {
      return new Admin.Deallocate(ts.identifier());
    }
    return ddl.drop();
  }

  private Statement alter() {
    if (ts.acceptWord("USER")) {
      return admin.alterUser();
    }
    return ddl.alter();
  }

  private Statement renameTable() {
    if (!ts.acceptWord("TABLE")) {
      ts.expectWord("TABLES");
    }
    return ddl.renameTable();
  }

  private Statement explain() {
    if (ts.atWord("FORMAT")) {
      ts.next();
      ts.expectOp("=");
      ts.name();
    }
    ts.acceptWord("ANALYZE");
    if (ts.atWord("SELECT")
        || ts.atOp("(")
        || ts.atWord("INSERT")
        || ts.atWord("REPLACE")
        || ts.atWord("UPDATE")
        || ts.atWord("DELETE")) {
      return new Statement.Explain(statement());
    }
    TableName table = queries.tableName();
    return new Admin.Show(
        Admin.ShowKind.COLUMNS,
        false,
        io.dolly.sql.ast.VarScope.DEFAULT,
        table,
        null,
        null,
        null,
        null,
        null);
  }
}
