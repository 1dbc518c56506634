package io.dolly.protocol.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The TLS files MySQL's {@code auto_generate_certs} creates in the data directory, with the same
 * names: a CA, a server certificate and a client certificate, RSA 2048, valid ten years. They are
 * generated only when none of them exists, so operator-provided files are never overwritten.
 */
public record CertificateFiles(Path directory) {
  public static final String CA_CERT = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String SERVER_CERT = "server-cert.pem";
  public static final String SERVER_KEY = "server-key.pem";
  public static final String CLIENT_CERT = "client-cert.pem";
  public static final String CLIENT_KEY = "client-key.pem";
  static final List<String> ALL =
      List.of(CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY, CLIENT_CERT, CLIENT_KEY);
  static final Duration VALIDITY = Duration.ofDays(3650);

  public Path caCert() {
    return directory.resolve(CA_CERT);
  }

  public Path caKey() {
    return directory.resolve(CA_KEY);
  }

  public Path serverCert() {
    return directory.resolve(SERVER_CERT);
  }

  public Path serverKey() {
    return directory.resolve(SERVER_KEY);
  }

  public Path clientCert() {
    return directory.resolve(CLIENT_CERT);
  }

  public Path clientKey() {
    return directory.resolve(CLIENT_KEY);
  }

  /**
   * Generates the six files if none exists.
   *
   * @param version the server version written into the certificates' common names
   * @return true when the files were generated
   */
  public boolean generateIfAbsent(String version) throws IOException {
    for (String f : ALL) {
      if (Files.exists(directory.resolve(f))) {
        return false;
      }
    }
    Files.createDirectories(directory);
    String prefix = "Dolly_Server_" + version + "_Auto_Generated_";
    CertificateAuthority ca = CertificateAuthority.create(prefix + "CA_Certificate", VALIDITY);
    IssuedCertificate server = ca.issue(prefix + "Server_Certificate", VALIDITY);
    IssuedCertificate client = ca.issue(prefix + "Client_Certificate", VALIDITY);
    write(caCert(), caKey(), ca.certificate());
    write(serverCert(), serverKey(), server);
    write(clientCert(), clientKey(), client);
    return true;
  }

  private static void write(Path certFile, Path keyFile, IssuedCertificate issued)
      throws IOException {
    PemFiles.writePrivate(keyFile, issued.privateKey());
    Files.writeString(certFile, PemFiles.toPem(issued.certificate()), StandardCharsets.US_ASCII);
  }
}
