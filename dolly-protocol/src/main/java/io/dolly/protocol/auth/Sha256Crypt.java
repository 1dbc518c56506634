package io.dolly.protocol.auth;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The SHA-256 based crypt(3) digest ({@code $5$}, Drepper's specification), as MySQL's
 * caching_sha2_password stores it. Unlike glibc, which cuts salts at 16 bytes, MySQL uses up to
 * {@link #MAX_SALT_LENGTH} salt bytes; this implementation follows MySQL.
 */
public final class Sha256Crypt {
  public static final int MAX_SALT_LENGTH = 20;

  /** Length of the base-64 digest text. */
  public static final int DIGEST_TEXT_LENGTH = 43;

  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Byte triples of the final digest in output order, as the specification permutes them. */
  private static final int[][] ORDER = {
    {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
    {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}
  };

  private Sha256Crypt() {}

  /** The 43-character digest text for a password, salt and round count. */
  public static String digest(byte[] password, byte[] salt, int rounds) {
    byte[] s = salt.length > MAX_SALT_LENGTH ? Arrays.copyOf(salt, MAX_SALT_LENGTH) : salt;
    MessageDigest md = Digests.sha256();

    md.update(password);
    md.update(s);
    md.update(password);
    byte[] b = md.digest();

    md.update(password);
    md.update(s);
    int len = password.length;
    for (; len > 32; len -= 32) {
      md.update(b, 0, 32);
    }
    md.update(b, 0, len);
    for (int n = password.length; n > 0; n >>= 1) {
      if ((n & 1) != 0) {
        md.update(b, 0, 32);
      } else {
        md.update(password);
      }
    }
    byte[] a = md.digest();

    for (int i = 0; i < password.length; i++) {
      md.update(password);
    }
    byte[] p = repeat(md.digest(), password.length);

    for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
      md.update(s);
    }
    byte[] sBytes = repeat(md.digest(), s.length);

    byte[] c = a;
    for (int i = 0; i < rounds; i++) {
      if ((i & 1) != 0) {
        md.update(p);
      } else {
        md.update(c, 0, 32);
      }
      if (i % 3 != 0) {
        md.update(sBytes);
      }
      if (i % 7 != 0) {
        md.update(p);
      }
      if ((i & 1) != 0) {
        md.update(c, 0, 32);
      } else {
        md.update(p);
      }
      c = md.digest();
    }

    StringBuilder out = new StringBuilder(DIGEST_TEXT_LENGTH);
    for (int[] t : ORDER) {
      encode(out, c[t[0]], c[t[1]], c[t[2]], 4);
    }
    encode(out, (byte) 0, c[31], c[30], 3);
    return out.toString();
  }

  private static byte[] repeat(byte[] digest, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = digest[i % digest.length];
    }
    return out;
  }

  private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int chars) {
    int w = (b2 & 0xff) << 16 | (b1 & 0xff) << 8 | (b0 & 0xff);
    for (int i = 0; i < chars; i++) {
      out.append(ALPHABET.charAt(w & 0x3f));
      w >>>= 6;
    }
  }
}
