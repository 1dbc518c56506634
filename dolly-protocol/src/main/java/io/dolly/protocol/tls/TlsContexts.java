package io.dolly.protocol.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@link SSLContext}s for both ends of a MySQL connection, built from PEM files. The protocol
 * versions (TLSv1.2 and TLSv1.3) are chosen per socket by the packet channel.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * The server's context.
   *
   * @param caPem CA used to verify client certificates when clients present one; may be null
   */
  public static SSLContext server(Path certPem, Path keyPem, Path caPem) throws IOException {
    return build(
        keyManagers(PemFiles.readCertificates(certPem), PemFiles.readPrivateKey(keyPem)),
        caPem == null ? null : trustManagers(PemFiles.readCertificates(caPem)));
  }

  /** The server's context from a directory holding the auto-generated files. */
  public static SSLContext server(CertificateFiles files) throws IOException {
    return server(files.serverCert(), files.serverKey(), files.caCert());
  }

  /** A client context that accepts any server certificate, like {@code --ssl-mode=REQUIRED}. */
  public static SSLContext clientTrustingAll() {
    return clientTrustingAll("TLS");
  }

  /**
   * Like {@link #clientTrustingAll()} limited to one protocol family: {@code "TLSv1.2"} offers
   * nothing newer than 1.2, {@code "TLS"} offers 1.3 and 1.2.
   */
  public static SSLContext clientTrustingAll(String protocol) {
    return build(protocol, null, new TrustManager[] {new TrustingAll()});
  }

  /**
   * A client context that verifies the server certificate against a CA, like {@code VERIFY_CA} (no
   * host name check), optionally presenting a client certificate.
   *
   * @param certPem client certificate, or null for none
   * @param keyPem client key, or null when certPem is null
   */
  public static SSLContext clientVerifyingCa(Path caPem, Path certPem, Path keyPem)
      throws IOException {
    KeyManager[] km =
        certPem == null
            ? null
            : keyManagers(PemFiles.readCertificates(certPem), PemFiles.readPrivateKey(keyPem));
    return build(km, trustManagers(PemFiles.readCertificates(caPem)));
  }

  private static SSLContext build(KeyManager[] km, TrustManager[] tm) {
    return build("TLS", km, tm);
  }

  private static SSLContext build(String protocol, KeyManager[] km, TrustManager[] tm) {
    try {
      SSLContext context = SSLContext.getInstance(protocol);
      context.init(km, tm, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise TLS", e);
    }
  }

  private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
      throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, NO_PASSWORD);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("unusable certificate or key: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(List<X509Certificate> cas) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        ks.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("unusable CA certificate: " + e.getMessage(), e);
    }
  }

  /** Accepts every certificate: encryption without authentication of the peer. */
  private static final class TrustingAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
