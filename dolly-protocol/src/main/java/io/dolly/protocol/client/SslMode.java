package io.dolly.protocol.client;

/** The client's TLS policy, named after the mysql client's {@code --ssl-mode}. */
public enum SslMode {
  /** Plain TCP. */
  DISABLED,
  /** TLS when the server offers it, plain TCP otherwise. */
  PREFERRED,
  /** TLS or fail; the server certificate is not verified. */
  REQUIRED,
  /** TLS or fail; the server certificate must be signed by the given CA (host not checked). */
  VERIFY_CA
}
