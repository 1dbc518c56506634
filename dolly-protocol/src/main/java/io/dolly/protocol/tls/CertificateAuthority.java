package io.dolly.protocol.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed RSA certificate authority that issues server and client certificates. */
public final class CertificateAuthority {
  static final int KEY_BITS = 2048;
  private static final String SIGNATURE = "SHA256withRSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IssuedCertificate ca;

  public CertificateAuthority(IssuedCertificate ca) {
    this.ca = ca;
  }

  /** A new CA whose certificate is self-signed with CN={@code commonName}. */
  public static CertificateAuthority create(String commonName, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    X509Certificate cert = sign(name, name, pair, pair.getPrivate(), validity, true);
    return new CertificateAuthority(new IssuedCertificate(cert, pair.getPrivate()));
  }

  public IssuedCertificate certificate() {
    return ca;
  }

  /** A new key pair and an end-entity certificate for it, signed by this CA. */
  public IssuedCertificate issue(String commonName, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    X509Certificate cert =
        sign(issuer, new X500Name("CN=" + commonName), pair, ca.privateKey(), validity, false);
    return new IssuedCertificate(cert, pair.getPrivate());
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(KEY_BITS);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }

  private static X509Certificate sign(
      X500Name issuer,
      X500Name subject,
      KeyPair subjectKeys,
      PrivateKey signingKey,
      Duration validity,
      boolean isCa) {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(63, RANDOM).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(validity)),
            subject,
            subjectKeys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate for " + subject, e);
    }
  }
}
