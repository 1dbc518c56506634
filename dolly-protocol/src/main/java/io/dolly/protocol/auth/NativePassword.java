package io.dolly.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * mysql_native_password. Stored form: {@code *} + 40 upper-case hex digits of SHA1(SHA1(pw)).
 * Client response to a 20-byte nonce: SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw))); empty for an empty
 * password.
 */
public final class NativePassword {
  private static final int STORED_LENGTH = 41;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private NativePassword() {}

  public static String storedForm(String password) {
    if (password.isEmpty()) {
      return "";
    }
    byte[] stage1 = Digests.sha1(password.getBytes(StandardCharsets.UTF_8));
    return "*" + HEX.formatHex(Digests.sha1(stage1));
  }

  public static byte[] scramble(String password, byte[] nonce) {
    if (password.isEmpty()) {
      return new byte[0];
    }
    byte[] stage1 = Digests.sha1(password.getBytes(StandardCharsets.UTF_8));
    byte[] stage2 = Digests.sha1(stage1);
    return Digests.xor(stage1, Digests.sha1(nonce, stage2));
  }

  /** Checks a client's scramble against a stored form. */
  public static boolean verify(String stored, byte[] nonce, byte[] response) {
    if (stored.isEmpty()) {
      return response.length == 0;
    }
    if (stored.length() != STORED_LENGTH || stored.charAt(0) != '*' || response.length != 20) {
      return false;
    }
    byte[] stage2;
    try {
      stage2 = HexFormat.of().parseHex(stored.substring(1).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] stage1 = Digests.xor(response, Digests.sha1(nonce, stage2));
    return MessageDigest.isEqual(Digests.sha1(stage1), stage2);
  }

  /** Checks a cleartext password (from a full-auth or test path) against a stored form. */
  public static boolean matches(String stored, String password) {
    return MessageDigest.isEqual(
        storedForm(password).getBytes(StandardCharsets.US_ASCII),
        stored.getBytes(StandardCharsets.US_ASCII));
  }
}
