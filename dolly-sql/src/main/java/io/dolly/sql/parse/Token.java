package io.dolly.sql.parse;

/**
 * One token of SQL text.
 *
 * @param text the token's value: unescaped for strings and quoted identifiers, the symbol for
 *     operators
 * @param upper for {@link TokenType#WORD}, the text in upper case, so keyword checks do not
 *     allocate; otherwise the same as text
 * @param start offset of the token's first character in the input
 * @param end offset just past the token
 * @param line 1-based line of the token's start
 */
public record Token(TokenType type, String text, String upper, int start, int end, int line) {

  public boolean isWord(String keyword) {
    return type == TokenType.WORD && upper.equals(keyword);
  }

  public boolean isOp(String symbol) {
    return type == TokenType.OP && text.equals(symbol);
  }
}
