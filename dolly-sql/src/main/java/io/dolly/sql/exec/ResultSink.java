package io.dolly.sql.exec;

import java.io.IOException;

/**
 * Receives each statement's result as soon as it is complete; an {@link IOException} (the client
 * went away) stops the remaining statements and reaches the caller of {@link
 * SqlSession#execute(String, ResultSink)}.
 */
@FunctionalInterface
public interface ResultSink {
  /**
   * @param moreResults true when another statement of the same text follows (the server sets
   *     SERVER_MORE_RESULTS_EXISTS)
   */
  void result(StatementResult result, boolean moreResults) throws IOException;
}
