package io.dolly.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers computed independently with Python's hashlib and crypt (glibc sha256crypt). The
 * nonce is bytes 1..20.
 */
class PasswordVectorsTest {
  private static final byte[] NONCE = new byte[20];
  private static final HexFormat HEX = HexFormat.of();

  static {
    for (int i = 0; i < 20; i++) {
      NONCE[i] = (byte) (i + 1);
    }
  }

  @Test
  void nativePasswordKnownAnswers() {
    assertThat(NativePassword.storedForm("secret"))
        .isEqualTo("*14E65567ABDB5135D0CFD9A70B3032C179A49EE7");
    byte[] scramble = NativePassword.scramble("secret", NONCE);
    assertThat(HEX.formatHex(scramble)).isEqualTo("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
    assertThat(NativePassword.verify(NativePassword.storedForm("secret"), NONCE, scramble))
        .isTrue();
    assertThat(NativePassword.verify(NativePassword.storedForm("other"), NONCE, scramble))
        .isFalse();
    assertThat(NativePassword.storedForm("")).isEmpty();
    assertThat(NativePassword.verify("", NONCE, new byte[0])).isTrue();
    assertThat(NativePassword.verify("", NONCE, scramble)).isFalse();
    assertThat(NativePassword.matches(NativePassword.storedForm("secret"), "secret")).isTrue();
  }

  @Test
  void cachingSha2FastScrambleKnownAnswer() {
    byte[] scramble = CachingSha2Password.scramble("secret", NONCE);
    assertThat(HEX.formatHex(scramble))
        .isEqualTo("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9");
    byte[] cache = CachingSha2Password.cacheDigest("secret");
    assertThat(HEX.formatHex(cache))
        .isEqualTo("3881219d087dd9c634373fd33dfa33a2cb6bfc6c520b64b8bb60ef2ceb534ae7");
    assertThat(CachingSha2Password.verifyScramble(cache, NONCE, scramble)).isTrue();
    assertThat(
            CachingSha2Password.verifyScramble(
                CachingSha2Password.cacheDigest("other"), NONCE, scramble))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "password|saltsaltsaltsalt|WsFBeg1qQ90JL3VkUTuM7xVV/5njhLngIVm6ftSnBR2",
        "secret|abcdefghijklmnop|i7zHaTeYqXlesRXJ8dXj6o.MEFQdzfIJpJpcWAtszs6",
        "''|shortsalt|iuUaH.Ga4L72pjeRTJNjQNXYRT4vr86Hd8qSkHI1eU3",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|0123456789ABCDEF|"
            + "3PX4cp4qZ/Dg4klDUNfzDCr/DMS1IaEz0N0btqCCiC7",
        "pässwörd|x/y.z|ttsDFr/t8KYljVHoQHbvnpDnGDIkBSWZq2JipXPA2/B",
      })
  void sha256CryptKnownAnswers(String password, String salt, String digest) {
    String pw = password.equals("''") ? "" : password;
    assertThat(
            Sha256Crypt.digest(
                pw.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), 5000))
        .isEqualTo(digest);
  }

  @Test
  void cachingSha2StoredFormIsMysqlsLayout() {
    byte[] salt = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);
    String stored = CachingSha2Password.storedForm("secret", salt);
    assertThat(stored).hasSize(70).startsWith("$A$005$ABCDEFGHIJKLMNOPQRST");
    assertThat(stored.substring(27))
        .isEqualTo(Sha256Crypt.digest("secret".getBytes(StandardCharsets.UTF_8), salt, 5000));
    assertThat(CachingSha2Password.matches(stored, "secret")).isTrue();
    assertThat(CachingSha2Password.matches(stored, "Secret")).isFalse();
    assertThat(CachingSha2Password.matches("garbage", "secret")).isFalse();
  }

  @Test
  void generatedSaltsAvoidNulAndDollar() {
    for (int i = 0; i < 200; i++) {
      String stored = CachingSha2Password.storedForm("pw" + i);
      assertThat(stored).hasSize(70);
      assertThat(stored.substring(7, 27)).doesNotContain("$", "\0");
      assertThat(CachingSha2Password.matches(stored, "pw" + i)).isTrue();
    }
  }

  @Test
  void passwordHasherDispatchesOnPlugin() {
    String sha2 = PasswordHasher.hash(AuthPlugin.CACHING_SHA2_PASSWORD, "x");
    String nat = PasswordHasher.hash(AuthPlugin.MYSQL_NATIVE_PASSWORD, "x");
    assertThat(sha2).startsWith("$A$005$");
    assertThat(nat).startsWith("*").hasSize(41);
    assertThat(PasswordHasher.matches(AuthPlugin.CACHING_SHA2_PASSWORD, sha2, "x")).isTrue();
    assertThat(PasswordHasher.matches(AuthPlugin.MYSQL_NATIVE_PASSWORD, nat, "y")).isFalse();
  }

  @Test
  void cacheIsPerAccount() {
    CachingSha2Cache cache = new CachingSha2Cache();
    cache.put("u", "%", CachingSha2Password.cacheDigest("a"));
    assertThat(cache.get("u", "%")).isPresent();
    assertThat(cache.get("u", "localhost")).isEmpty();
    cache.remove("u", "%");
    assertThat(cache.get("u", "%")).isEmpty();
  }
}
