package io.dolly.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsaKeysTest {
  @Test
  void generatesMysqlStylePemFilesOnceAndReloadsThem(@TempDir Path dir) throws Exception {
    RsaKeys first = RsaKeys.loadOrGenerate(dir);
    Path priv = dir.resolve("private_key.pem");
    Path pub = dir.resolve("public_key.pem");
    assertThat(Files.readString(priv)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    RsaKeys again = RsaKeys.loadOrGenerate(dir);
    assertThat(again.publicKey()).isEqualTo(first.publicKey());
    assertThat(again.publicKeyPem()).isEqualTo(Files.readString(pub));
  }

  @Test
  void passwordSurvivesOaepWithNonceXor(@TempDir Path dir) throws Exception {
    RsaKeys keys = RsaKeys.loadOrGenerate(dir);
    byte[] nonce = Nonce.generate();
    String password = "a password longer than the twenty-byte nonce, ünïcode too";
    byte[] encrypted = RsaKeys.encryptPassword(password, nonce, keys.publicKey());
    assertThat(encrypted).hasSize(256);
    assertThat(keys.decryptPassword(encrypted, nonce)).isEqualTo(password);
  }
}
