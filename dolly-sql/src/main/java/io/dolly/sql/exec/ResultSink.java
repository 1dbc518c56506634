package io.dolly.sql.exec;

/** Receives each statement's result as soon as it is complete. */
@FunctionalInterface
public interface ResultSink {
  /**
   * @param moreResults true when another statement of the same text follows (the server sets
   *     SERVER_MORE_RESULTS_EXISTS)
   */
  void result(StatementResult result, boolean moreResults);
}
