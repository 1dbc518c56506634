package io.dolly.protocol.auth;

import java.security.SecureRandom;

/**
 * Random strings as MySQL generates them for handshake nonces and password salts: 7-bit bytes with
 * no NUL and no '$', so they survive NUL-terminated fields and the {@code $}-separated stored
 * password format.
 */
public final class Nonce {
  /** The nonce length of mysql_native_password and caching_sha2_password. */
  public static final int LENGTH = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Nonce() {}

  public static byte[] generate() {
    return generate(LENGTH);
  }

  public static byte[] generate(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    for (int i = 0; i < length; i++) {
      b[i] &= 0x7f;
      if (b[i] == 0 || b[i] == '$') {
        b[i]++;
      }
    }
    return b;
  }
}
