package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;

/** The "parses but does not run yet" error, 1235, naming what is missing. */
final class SyntaxErrors {
  private SyntaxErrors() {}

  static MysqlException unsupported(String what) {
    return new MysqlException(ErrorCode.ER_NOT_SUPPORTED_YET, what);
  }
}
