package io.dolly.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolly.protocol.wire.LoopbackPair;
import io.dolly.protocol.wire.PacketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {
  @TempDir static Path dir;
  static CertificateFiles files;

  @BeforeAll
  static void generate() throws Exception {
    files = new CertificateFiles(dir);
    assertThat(files.generateIfAbsent("0.1.0")).isTrue();
  }

  @Test
  void createsTheSixFilesWithPrivateKeysReadableOnlyByTheOwner() throws Exception {
    for (String f : CertificateFiles.ALL) {
      assertThat(dir.resolve(f)).exists();
    }
    for (Path key : new Path[] {files.caKey(), files.serverKey(), files.clientKey()}) {
      assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }
    X509Certificate server = PemFiles.readCertificates(files.serverCert()).get(0);
    X509Certificate ca = PemFiles.readCertificates(files.caCert()).get(0);
    server.verify(ca.getPublicKey());
    assertThat(server.getSubjectX500Principal().getName())
        .isEqualTo("CN=Dolly_Server_0.1.0_Auto_Generated_Server_Certificate");
    assertThat(server.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3649)));
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void leavesExistingFilesAlone() throws Exception {
    String before = Files.readString(files.caCert());
    assertThat(files.generateIfAbsent("0.1.0")).isFalse();
    assertThat(Files.readString(files.caCert())).isEqualTo(before);
  }

  @Test
  void tlsOverPacketChannelWithVerifiedCa() throws Exception {
    SSLContext server = TlsContexts.server(files);
    SSLContext client = TlsContexts.clientVerifyingCa(files.caCert(), null, null);
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel s = new PacketChannel(pair.server);
      PacketChannel c = new PacketChannel(pair.client);
      CompletableFuture<byte[]> echoed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  s.upgradeToTls(server, false);
                  return s.readPayload();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      c.upgradeToTls(client, true);
      c.send(new byte[] {7, 8, 9});
      assertThat(echoed.get()).containsExactly(7, 8, 9);
      assertThat(c.isTls()).isTrue();
      assertThat(c.tlsVersion()).isEqualTo("TLSv1.3");
      assertThat(c.tlsCipher()).startsWith("TLS_");
    }
  }

  @Test
  void verifyCaRejectsAServerFromAnotherCa(@TempDir Path other) throws Exception {
    CertificateFiles otherFiles = new CertificateFiles(other);
    otherFiles.generateIfAbsent("x");
    SSLContext server = TlsContexts.server(otherFiles);
    SSLContext client = TlsContexts.clientVerifyingCa(files.caCert(), null, null);
    try (LoopbackPair pair = new LoopbackPair()) {
      PacketChannel s = new PacketChannel(pair.server);
      PacketChannel c = new PacketChannel(pair.client);
      CompletableFuture<Void> serverSide =
          CompletableFuture.runAsync(
              () -> {
                try {
                  s.upgradeToTls(server, false);
                } catch (Exception ignored) {
                  // the client aborts
                }
              });
      assertThatThrownBy(() -> c.upgradeToTls(client, true)).isInstanceOf(SSLException.class);
      pair.client.close();
      serverSide.get();
    }
  }
}
