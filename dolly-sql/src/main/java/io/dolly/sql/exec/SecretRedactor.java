package io.dolly.sql.exec;

import io.dolly.sql.parse.Lexer;
import io.dolly.sql.parse.Token;
import io.dolly.sql.parse.TokenType;

/**
 * Rewrites passwords in statement text as {@code <secret>} before it is shown (SHOW PROCESSLIST,
 * logs): the string after {@code IDENTIFIED BY}, and the string of {@code SET PASSWORD ... =}.
 * Works on tokens, so quotes and comments cannot hide a password from it.
 */
final class SecretRedactor {
  static final String SECRET = "<secret>";

  private SecretRedactor() {}

  static String redact(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int copied = 0;
    int lexed = 0;
    try {
      Lexer lexer = new Lexer(text);
      Token prev2 = null;
      Token prev = null;
      boolean setPassword = false;
      for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
        if (prev != null && prev.isWord("SET") && t.isWord("PASSWORD")) {
          setPassword = true;
        }
        boolean secret =
            t.type() == TokenType.STRING
                && ((prev != null
                        && prev.isWord("BY")
                        && prev2 != null
                        && prev2.isWord("IDENTIFIED"))
                    || (setPassword && prev != null && prev.isOp("=")));
        if (secret) {
          if (out == null) {
            out = new StringBuilder(text.length());
          }
          out.append(text, copied, t.start()).append(SECRET);
          copied = t.end();
        }
        prev2 = prev;
        prev = t;
        lexed = t.end();
      }
    } catch (RuntimeException unlexable) {
      // Text that does not lex never ran; show it only up to where it broke, since the broken
      // part may be an unterminated password.
      StringBuilder cut = out == null ? new StringBuilder() : out;
      return cut.append(text, copied, Math.max(copied, lexed)).toString();
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }
}
