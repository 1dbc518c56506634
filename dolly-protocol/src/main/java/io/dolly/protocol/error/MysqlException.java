package io.dolly.protocol.error;

/**
 * A failure the client sees as an ERR packet: MySQL error number, SQLSTATE and message.
 *
 * <p>Most are built from an {@link ErrorCode}; errors relayed from elsewhere (a clone donor, for
 * example) may carry any number with its own text.
 */
public class MysqlException extends RuntimeException {
  private final int errorNumber;
  private final String sqlState;

  public MysqlException(ErrorCode code, Object... args) {
    super(code.message(args));
    this.errorNumber = code.number();
    this.sqlState = code.sqlState();
  }

  public MysqlException(Throwable cause, ErrorCode code, Object... args) {
    super(code.message(args), cause);
    this.errorNumber = code.number();
    this.sqlState = code.sqlState();
  }

  public MysqlException(int errorNumber, String sqlState, String message) {
    super(message);
    this.errorNumber = errorNumber;
    this.sqlState = sqlState;
  }

  public int errorNumber() {
    return errorNumber;
  }

  public String sqlState() {
    return sqlState;
  }

  /** True when this error is the given code. */
  public boolean is(ErrorCode code) {
    return errorNumber == code.number();
  }
}
