package io.dolly.sql.parse;

import io.dolly.protocol.error.MysqlException;
import java.util.Set;

/**
 * The parser's view of the lexer: a small lookahead window and the helpers every grammar rule uses.
 * Failures build MySQL's 1064 at the current token; there are no exceptions on the successful path.
 */
final class TokenStream {
  /**
   * Words that cannot be used as unquoted identifiers or aliases (the part of MySQL 8.0's reserved
   * list that matters for the statements Dolly parses).
   */
  static final Set<String> RESERVED =
      Set.of(
          "ADD",
          "ALL",
          "ALTER",
          "ANALYZE",
          "AND",
          "AS",
          "ASC",
          "BETWEEN",
          "BINARY",
          "BY",
          "CASE",
          "CHANGE",
          "CHARACTER",
          "CHECK",
          "COLLATE",
          "COLUMN",
          "CONSTRAINT",
          "CONVERT",
          "CREATE",
          "CROSS",
          "CURRENT_DATE",
          "CURRENT_TIME",
          "CURRENT_TIMESTAMP",
          "CURRENT_USER",
          "DATABASE",
          "DATABASES",
          "DEFAULT",
          "DELETE",
          "DESC",
          "DESCRIBE",
          "DISTINCT",
          "DISTINCTROW",
          "DIV",
          "DROP",
          "DUAL",
          "ELSE",
          "ELSEIF",
          "EXISTS",
          "EXPLAIN",
          "FALSE",
          "FOR",
          "FORCE",
          "FOREIGN",
          "FROM",
          "FULLTEXT",
          "GRANT",
          "GROUP",
          "HAVING",
          "IF",
          "IGNORE",
          "IN",
          "INDEX",
          "INNER",
          "INSERT",
          "INTERVAL",
          "INTO",
          "IS",
          "JOIN",
          "KEY",
          "KEYS",
          "KILL",
          "LEADING",
          "LEFT",
          "LIKE",
          "LIMIT",
          "LOCK",
          "MOD",
          "NATURAL",
          "NOT",
          "NULL",
          "ON",
          "OPTIMIZE",
          "OR",
          "ORDER",
          "OUTER",
          "PRIMARY",
          "REGEXP",
          "RENAME",
          "REPLACE",
          "REQUIRE",
          "REVOKE",
          "RIGHT",
          "RLIKE",
          "SCHEMA",
          "SCHEMAS",
          "SELECT",
          "SET",
          "SHOW",
          "STRAIGHT_JOIN",
          "TABLE",
          "THEN",
          "TO",
          "TRAILING",
          "TRUE",
          "UNION",
          "UNIQUE",
          "UNLOCK",
          "UPDATE",
          "USAGE",
          "USE",
          "USING",
          "VALUES",
          "WHEN",
          "WHERE",
          "WITH",
          "XOR");

  private final Lexer lexer;
  private final Token[] window = new Token[4];
  private int buffered;
  private int lastEnd;
  private int paramCount;

  TokenStream(Lexer lexer) {
    this.lexer = lexer;
  }

  String input() {
    return lexer.input();
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int ahead) {
    while (buffered <= ahead) {
      window[buffered++] = lexer.next();
    }
    return window[ahead];
  }

  Token next() {
    Token t = peek(0);
    if (t.type() != TokenType.EOF) {
      System.arraycopy(window, 1, window, 0, buffered - 1);
      buffered--;
      lastEnd = t.end();
    }
    return t;
  }

  /** Offset just past the last consumed token. */
  int lastEnd() {
    return lastEnd;
  }

  int parameterCount() {
    return paramCount;
  }

  int nextParamIndex() {
    return paramCount++;
  }

  boolean atWord(String keyword) {
    return peek().isWord(keyword);
  }

  boolean atOp(String symbol) {
    return peek().isOp(symbol);
  }

  boolean atEnd() {
    Token t = peek();
    return t.type() == TokenType.EOF || t.isOp(";");
  }

  boolean acceptWord(String keyword) {
    if (atWord(keyword)) {
      next();
      return true;
    }
    return false;
  }

  boolean acceptWords(String first, String second) {
    if (atWord(first) && peek(1).isWord(second)) {
      next();
      next();
      return true;
    }
    return false;
  }

  boolean acceptOp(String symbol) {
    if (atOp(symbol)) {
      next();
      return true;
    }
    return false;
  }

  void expectWord(String keyword) {
    if (!acceptWord(keyword)) {
      throw error();
    }
  }

  void expectOp(String symbol) {
    if (!acceptOp(symbol)) {
      throw error();
    }
  }

  /** True when the next token can be an identifier (quoted, or a non-reserved word). */
  boolean atIdentifier() {
    Token t = peek();
    return t.type() == TokenType.QUOTED_ID
        || (t.type() == TokenType.WORD && !RESERVED.contains(t.upper()));
  }

  String identifier() {
    if (!atIdentifier()) {
      throw error();
    }
    return next().text();
  }

  /** An identifier or a string literal (names of users, hosts, charsets, plugins...). */
  String identifierOrString() {
    if (peek().type() == TokenType.STRING) {
      return next().text();
    }
    return identifier();
  }

  /** Any word, reserved or not, or a quoted identifier (for option values like charset names). */
  String name() {
    Token t = peek();
    if (t.type() == TokenType.WORD
        || t.type() == TokenType.QUOTED_ID
        || t.type() == TokenType.STRING) {
      return next().text();
    }
    throw error();
  }

  String string() {
    if (peek().type() != TokenType.STRING) {
      throw error();
    }
    return next().text();
  }

  int integer() {
    Token t = peek();
    if (t.type() != TokenType.INTEGER) {
      throw error();
    }
    next();
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw SyntaxError.near(input(), t.start(), t.line());
    }
  }

  MysqlException error() {
    Token t = peek();
    return SyntaxError.near(input(), t.start(), t.line());
  }
}
