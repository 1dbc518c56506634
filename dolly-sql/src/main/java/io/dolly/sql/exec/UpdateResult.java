package io.dolly.sql.exec;

/**
 * An OK packet's content.
 *
 * @param info the human-readable info string (e.g. {@code Rows matched: 1 Changed: 1}), or empty
 */
public record UpdateResult(long affectedRows, long lastInsertId, String info)
    implements StatementResult {
  public static final UpdateResult OK = new UpdateResult(0, 0, "");
}
