package io.dolly.sql.parse;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;

/** Builds MySQL's 1064 error, which quotes the input from the offending token on. */
public final class SyntaxError {
  static final String TEXT =
      "You have an error in your SQL syntax; check the manual that corresponds to your MySQL"
          + " server version for the right syntax to use";

  /** MySQL prints at most this many characters of the remaining input ({@code %.80s}). */
  static final int NEAR_LIMIT = 80;

  private SyntaxError() {}

  public static MysqlException near(String input, int offset, int line) {
    String rest = offset >= input.length() ? "" : input.substring(offset);
    if (rest.length() > NEAR_LIMIT) {
      rest = rest.substring(0, NEAR_LIMIT);
    }
    return new MysqlException(ErrorCode.ER_PARSE_ERROR, TEXT, rest, line);
  }
}
