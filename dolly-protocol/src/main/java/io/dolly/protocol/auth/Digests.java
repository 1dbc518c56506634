package io.dolly.protocol.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA digests the password plugins are built from. */
final class Digests {
  private Digests() {}

  static MessageDigest sha1() {
    return get("SHA-1");
  }

  static MessageDigest sha256() {
    return get("SHA-256");
  }

  private static MessageDigest get(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is part of every JDK", e);
    }
  }

  static byte[] sha1(byte[]... parts) {
    MessageDigest d = sha1();
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  static byte[] sha256(byte[]... parts) {
    MessageDigest d = sha256();
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }
}
