package io.dolly.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * caching_sha2_password.
 *
 * <p>Stored form, exactly as MySQL writes {@code mysql.user.authentication_string}:
 *
 * <pre>
 * "$A$"                 digest type A = SHA-256 crypt
 * 3 upper-case hex      rounds / 1000 ("005" for 5000)
 * "$"
 * 20 bytes              salt (7-bit, no NUL, no '$')
 * 43 characters         sha256crypt digest text
 * </pre>
 *
 * <p>Fast path: the client sends XOR(SHA256(pw), SHA256(SHA256(SHA256(pw)) + nonce)); the server
 * checks it against SHA256(SHA256(pw)) from {@link CachingSha2Cache}. Full path: the cleartext
 * password arrives over TLS or RSA and is checked against the stored form.
 */
public final class CachingSha2Password {
  public static final String PREFIX = "$A$";
  public static final int DEFAULT_ROUNDS = 5000;
  public static final int SALT_LENGTH = 20;
  private static final int ROUNDS_MULTIPLIER = 1000;
  private static final int ROUNDS_DIGITS = 3;
  private static final int STORED_LENGTH =
      PREFIX.length() + ROUNDS_DIGITS + 1 + SALT_LENGTH + Sha256Crypt.DIGEST_TEXT_LENGTH;

  /** Status bytes the server sends in AuthMoreData after the fast-path attempt. */
  public static final int FAST_AUTH_SUCCESS = 0x03;

  public static final int PERFORM_FULL_AUTHENTICATION = 0x04;

  /** What the client sends (as the whole response) to ask for the server's RSA public key. */
  public static final int REQUEST_PUBLIC_KEY = 0x02;

  private CachingSha2Password() {}

  public static String storedForm(String password) {
    return password.isEmpty() ? "" : storedForm(password, Nonce.generate(SALT_LENGTH));
  }

  public static String storedForm(String password, byte[] salt) {
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException("salt must be " + SALT_LENGTH + " bytes");
    }
    String digest =
        Sha256Crypt.digest(password.getBytes(StandardCharsets.UTF_8), salt, DEFAULT_ROUNDS);
    return PREFIX
        + String.format("%03X", DEFAULT_ROUNDS / ROUNDS_MULTIPLIER)
        + "$"
        + new String(salt, StandardCharsets.ISO_8859_1)
        + digest;
  }

  /** Checks a cleartext password against a stored form. */
  public static boolean matches(String stored, String password) {
    if (stored.isEmpty()) {
      return password.isEmpty();
    }
    if (stored.length() != STORED_LENGTH || !stored.startsWith(PREFIX)) {
      return false;
    }
    int roundsAt = PREFIX.length();
    int rounds;
    try {
      rounds =
          Integer.parseInt(stored.substring(roundsAt, roundsAt + ROUNDS_DIGITS), 16)
              * ROUNDS_MULTIPLIER;
    } catch (NumberFormatException e) {
      return false;
    }
    int saltAt = roundsAt + ROUNDS_DIGITS + 1;
    byte[] salt =
        stored.substring(saltAt, saltAt + SALT_LENGTH).getBytes(StandardCharsets.ISO_8859_1);
    String expected = stored.substring(saltAt + SALT_LENGTH);
    String actual = Sha256Crypt.digest(password.getBytes(StandardCharsets.UTF_8), salt, rounds);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  /** SHA256(SHA256(pw)): the value the fast-path cache holds. */
  public static byte[] cacheDigest(String password) {
    return Digests.sha256(Digests.sha256(password.getBytes(StandardCharsets.UTF_8)));
  }

  /** The client's fast-path response; empty for an empty password. */
  public static byte[] scramble(String password, byte[] nonce) {
    if (password.isEmpty()) {
      return new byte[0];
    }
    byte[] stage1 = Digests.sha256(password.getBytes(StandardCharsets.UTF_8));
    byte[] stage2 = Digests.sha256(stage1);
    return Digests.xor(stage1, Digests.sha256(stage2, nonce));
  }

  /** Checks a fast-path response against the cached SHA256(SHA256(pw)). */
  public static boolean verifyScramble(byte[] cacheDigest, byte[] nonce, byte[] response) {
    if (response.length != 32 || cacheDigest.length != 32) {
      return false;
    }
    byte[] stage1 = Digests.xor(response, Digests.sha256(cacheDigest, nonce));
    return MessageDigest.isEqual(Digests.sha256(stage1), cacheDigest);
  }
}
