package io.dolly.sql.parse;

/**
 * Turns SQL text into tokens on demand, one at a time, as MySQL's lexer does: no regular
 * expressions and no exceptions except for input that cannot be a token (an unterminated string).
 *
 * <p>Version comments {@code /*! ... *}{@code /} and {@code /*!NNNNN ... *}{@code /} are lexed as
 * ordinary input when their version is at most {@link #SERVER_VERSION_ID}, and skipped otherwise,
 * so {@code /*!40101 SET NAMES utf8mb4 *}{@code /} runs as {@code SET NAMES utf8mb4}.
 */
public final class Lexer {
  /** The server version a version comment is compared against (MySQL 8.0.40). */
  static final int SERVER_VERSION_ID = 80040;

  private final String in;
  private final int length;
  private int pos;
  private int line = 1;
  private boolean inVersionComment;

  public Lexer(String input) {
    this.in = input;
    this.length = input.length();
  }

  public String input() {
    return in;
  }

  public Token next() {
    skipSpaceAndComments();
    if (pos >= length) {
      return token(TokenType.EOF, "", pos, pos);
    }
    int start = pos;
    char c = in.charAt(pos);
    if ((c == 'x' || c == 'X') && peek(1) == '\'') {
      pos += 2;
      return quotedDigits(TokenType.HEX, start);
    }
    if ((c == 'b' || c == 'B') && peek(1) == '\'') {
      pos += 2;
      return quotedDigits(TokenType.BIT, start);
    }
    if ((c == 'n' || c == 'N') && peek(1) == '\'') {
      pos++;
      Token s = string('\'');
      return new Token(TokenType.STRING, s.text(), s.text(), start, pos, s.line());
    }
    if (c == '0' && (peek(1) == 'x' || peek(1) == 'X') && isHex(peek(2))) {
      pos += 2;
      while (pos < length && isHex(in.charAt(pos))) {
        pos++;
      }
      if (pos >= length || !isIdentChar(in.charAt(pos))) {
        return token(TokenType.HEX, in.substring(start + 2, pos), start, pos);
      }
      pos = start;
    }
    if (c == '0' && (peek(1) == 'b' || peek(1) == 'B') && (peek(2) == '0' || peek(2) == '1')) {
      pos += 2;
      while (pos < length && (in.charAt(pos) == '0' || in.charAt(pos) == '1')) {
        pos++;
      }
      if (pos >= length || !isIdentChar(in.charAt(pos))) {
        return token(TokenType.BIT, in.substring(start + 2, pos), start, pos);
      }
      pos = start;
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
      Token number = number(start);
      if (number != null) {
        return number;
      }
    }
    if (isIdentChar(c)) {
      while (pos < length && isIdentChar(in.charAt(pos))) {
        pos++;
      }
      String text = in.substring(start, pos);
      return new Token(TokenType.WORD, text, upper(text), start, pos, line);
    }
    switch (c) {
      case '`':
        return quotedIdentifier(start);
      case '\'':
      case '"':
        return string(c);
      case '?':
        pos++;
        return token(TokenType.PARAM, "?", start, pos);
      case '@':
        return variable(start);
      default:
        return operator(start);
    }
  }

  private Token number(int start) {
    while (pos < length && isDigit(in.charAt(pos))) {
      pos++;
    }
    TokenType type = TokenType.INTEGER;
    if (pos < length && in.charAt(pos) == '.') {
      pos++;
      while (pos < length && isDigit(in.charAt(pos))) {
        pos++;
      }
      type = TokenType.DECIMAL;
    }
    if (pos < length && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < length && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < length && isDigit(in.charAt(pos))) {
        while (pos < length && isDigit(in.charAt(pos))) {
          pos++;
        }
        type = TokenType.FLOAT;
      } else {
        pos = save;
      }
    }
    if (type == TokenType.INTEGER && pos < length && isIdentChar(in.charAt(pos))) {
      // MySQL allows identifiers that start with digits, such as 1a or 123abc.
      pos = start;
      return null;
    }
    return token(type, in.substring(start, pos), start, pos);
  }

  private Token quotedDigits(TokenType type, int start) {
    int from = pos;
    while (pos < length && in.charAt(pos) != '\'') {
      pos++;
    }
    if (pos >= length) {
      throw SyntaxError.near(in, start, line);
    }
    String digits = in.substring(from, pos);
    pos++;
    // X'...' takes pairs of hex digits, b'...' binary digits; anything else is a syntax error.
    boolean valid =
        type == TokenType.HEX
            ? digits.length() % 2 == 0 && digits.chars().allMatch(ch -> isHex((char) ch))
            : digits.chars().allMatch(ch -> ch == '0' || ch == '1');
    if (!valid) {
      throw SyntaxError.near(in, start, line);
    }
    return token(type, digits, start, pos);
  }

  private Token quotedIdentifier(int start) {
    int startLine = line;
    pos++;
    StringBuilder sb = null;
    int from = pos;
    while (true) {
      if (pos >= length) {
        throw SyntaxError.near(in, start, startLine);
      }
      char c = in.charAt(pos);
      if (c == '`') {
        if (peek(1) == '`') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(in, from, pos + 1);
          pos += 2;
          from = pos;
          continue;
        }
        break;
      }
      if (c == '\n') {
        line++;
      }
      pos++;
    }
    String text = sb == null ? in.substring(from, pos) : sb.append(in, from, pos).toString();
    pos++;
    return new Token(TokenType.QUOTED_ID, text, text, start, pos, startLine);
  }

  private Token string(char quote) {
    int start = pos;
    int startLine = line;
    pos++;
    StringBuilder sb = null;
    int from = pos;
    while (true) {
      if (pos >= length) {
        throw SyntaxError.near(in, start, startLine);
      }
      char c = in.charAt(pos);
      if (c == quote) {
        if (peek(1) == quote) {
          sb = flush(sb, from, pos + 1);
          pos += 2;
          from = pos;
          continue;
        }
        break;
      }
      if (c == '\\' && pos + 1 < length) {
        sb = flush(sb, from, pos);
        char e = in.charAt(pos + 1);
        switch (e) {
          case '0' -> sb.append('\0');
          case 'b' -> sb.append('\b');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'Z' -> sb.append('\u001a');
          // \% and \_ keep the backslash so that LIKE still sees an escaped wildcard.
          case '%', '_' -> sb.append('\\').append(e);
          default -> sb.append(e);
        }
        if (e == '\n') {
          line++;
        }
        pos += 2;
        from = pos;
        continue;
      }
      if (c == '\n') {
        line++;
      }
      pos++;
    }
    String text = sb == null ? in.substring(from, pos) : sb.append(in, from, pos).toString();
    pos++;
    return new Token(TokenType.STRING, text, text, start, pos, startLine);
  }

  private StringBuilder flush(StringBuilder sb, int from, int to) {
    if (sb == null) {
      sb = new StringBuilder();
    }
    return sb.append(in, from, to);
  }

  private Token variable(int start) {
    pos++;
    if (peek(0) == '@') {
      pos++;
      int from = pos;
      while (pos < length && (isIdentChar(in.charAt(pos)) || in.charAt(pos) == '.')) {
        pos++;
      }
      if (pos < length && in.charAt(pos) == '`') {
        // @@`name` or @@global.`name`
        Token q = quotedIdentifier(pos);
        return token(TokenType.SYS_VAR, in.substring(from, q.start()) + q.text(), start, pos);
      }
      return token(TokenType.SYS_VAR, in.substring(from, pos), start, pos);
    }
    char c = peek(0);
    if (c == '\'' || c == '"') {
      Token s = string(c);
      return token(TokenType.USER_VAR, s.text(), start, pos);
    }
    if (c == '`') {
      Token q = quotedIdentifier(pos);
      return token(TokenType.USER_VAR, q.text(), start, pos);
    }
    int from = pos;
    while (pos < length && (isIdentChar(in.charAt(pos)) || in.charAt(pos) == '.')) {
      pos++;
    }
    return token(TokenType.USER_VAR, in.substring(from, pos), start, pos);
  }

  private Token operator(int start) {
    char c = in.charAt(pos);
    char n = peek(1);
    String op =
        switch (c) {
          case '<' -> {
            if (n == '=' && peek(2) == '>') {
              yield "<=>";
            }
            yield n == '=' ? "<=" : n == '>' ? "<>" : n == '<' ? "<<" : "<";
          }
          case '>' -> n == '=' ? ">=" : n == '>' ? ">>" : ">";
          case '!' -> n == '=' ? "!=" : "!";
          case ':' -> n == '=' ? ":=" : ":";
          case '|' -> n == '|' ? "||" : "|";
          case '&' -> n == '&' ? "&&" : "&";
          case '-' -> n == '>' ? (peek(2) == '>' ? "->>" : "->") : "-";
          case '=', '+', '*', '/', '%', '^', '~', '(', ')', ',', ';', '.', '{', '}' ->
              String.valueOf(c);
          default -> throw SyntaxError.near(in, start, line);
        };
    pos += op.length();
    return token(TokenType.OP, op, start, pos);
  }

  private void skipSpaceAndComments() {
    while (pos < length) {
      char c = in.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
        pos++;
      } else if (c == '#'
          || (c == '-' && peek(1) == '-' && (isSpace(peek(2)) || pos + 2 >= length))) {
        while (pos < length && in.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && peek(1) == '*') {
        if (peek(2) == '!') {
          versionComment();
        } else {
          int end = in.indexOf("*/", pos + 2);
          int stop = end < 0 ? length : end + 2;
          countLines(pos, stop);
          pos = stop;
        }
      } else if (c == '*' && peek(1) == '/' && inVersionComment) {
        inVersionComment = false;
        pos += 2;
      } else {
        return;
      }
    }
  }

  private void versionComment() {
    int p = pos + 3;
    int digits = 0;
    int version = 0;
    while (p < length && isDigit(in.charAt(p)) && digits < 6) {
      version = version * 10 + (in.charAt(p) - '0');
      digits++;
      p++;
    }
    if (digits == 0 || version <= SERVER_VERSION_ID) {
      inVersionComment = true;
      pos = p;
    } else {
      int end = in.indexOf("*/", p);
      int stop = end < 0 ? length : end + 2;
      countLines(pos, stop);
      pos = stop;
    }
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in.charAt(i) == '\n') {
        line++;
      }
    }
  }

  private Token token(TokenType type, String text, int start, int end) {
    return new Token(type, text, text, start, end, line);
  }

  private char peek(int ahead) {
    int p = pos + ahead;
    return p < length ? in.charAt(p) : '\0';
  }

  private static String upper(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return s.toUpperCase(java.util.Locale.ROOT);
      }
    }
    return s;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isIdentChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || isDigit(c)
        || c == '_'
        || c == '$'
        || c >= 0x80;
  }
}
