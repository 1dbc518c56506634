package io.dolly.server;

/** A reason the server cannot start, printed to the operator as it is. */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
