package io.dolly.protocol.auth;

import io.dolly.protocol.tls.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * The RSA key pair caching_sha2_password uses to receive passwords over plain TCP, stored like
 * MySQL's auto-generated {@code private_key.pem} (PKCS#1) and {@code public_key.pem} (X.509
 * SubjectPublicKeyInfo) in the data directory.
 *
 * <p>The client encrypts (password + NUL) XOR nonce (the nonce repeated as needed) with RSA OAEP
 * (SHA-1, MGF1); {@link #decryptPassword} undoes both.
 */
public final class RsaKeys {
  public static final String PRIVATE_KEY_FILE = "private_key.pem";
  public static final String PUBLIC_KEY_FILE = "public_key.pem";
  static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
  private static final int KEY_BITS = 2048;

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String publicKeyPem;

  public RsaKeys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicKeyPem = PemFiles.toPem(publicKey);
  }

  /** Loads the pair from {@code directory}, generating and writing it first if neither exists. */
  public static RsaKeys loadOrGenerate(Path directory) throws IOException {
    Path priv = directory.resolve(PRIVATE_KEY_FILE);
    Path pub = directory.resolve(PUBLIC_KEY_FILE);
    if (!Files.exists(priv) && !Files.exists(pub)) {
      KeyPair pair = generatePair();
      PemFiles.writePrivate(priv, pair.getPrivate());
      PemFiles.writePublic(pub, PemFiles.toPem(pair.getPublic()));
    }
    return new RsaKeys(PemFiles.readPrivateKey(priv), PemFiles.readPublicKey(pub));
  }

  /** A fresh in-memory pair (tests, or when no data directory is configured). */
  public static RsaKeys generate() {
    KeyPair pair = generatePair();
    return new RsaKeys(pair.getPrivate(), pair.getPublic());
  }

  static KeyPair generatePair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(KEY_BITS);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key as PEM text, what the server sends when a client asks for it. */
  public String publicKeyPem() {
    return publicKeyPem;
  }

  /**
   * Recovers the cleartext password from a client's RSA-encrypted response.
   *
   * @throws GeneralSecurityException when the ciphertext does not decrypt
   */
  public String decryptPassword(byte[] encrypted, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(OAEP);
    cipher.init(Cipher.DECRYPT_MODE, privateKey);
    byte[] plain = cipher.doFinal(encrypted);
    for (int i = 0; i < plain.length; i++) {
      plain[i] ^= nonce[i % nonce.length];
    }
    int end = plain.length;
    if (end > 0 && plain[end - 1] == 0) {
      end--;
    }
    return new String(Arrays.copyOf(plain, end), StandardCharsets.UTF_8);
  }

  /** The client side: encrypts (password + NUL) XOR nonce with a server's PEM public key. */
  public static byte[] encryptPassword(String password, byte[] nonce, PublicKey serverKey)
      throws GeneralSecurityException {
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    byte[] plain = Arrays.copyOf(pw, pw.length + 1);
    for (int i = 0; i < plain.length; i++) {
      plain[i] ^= nonce[i % nonce.length];
    }
    Cipher cipher = Cipher.getInstance(OAEP);
    cipher.init(Cipher.ENCRYPT_MODE, serverKey);
    return cipher.doFinal(plain);
  }
}
