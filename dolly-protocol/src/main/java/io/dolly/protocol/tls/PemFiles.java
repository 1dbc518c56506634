package io.dolly.protocol.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Reads and writes the PEM files MySQL uses: certificates, RSA private keys (PKCS#1 {@code RSA
 * PRIVATE KEY} as MySQL writes them, PKCS#8 also read) and public keys ({@code PUBLIC KEY}).
 * Private keys are written with mode 0600.
 */
public final class PemFiles {
  private PemFiles() {}

  public static String toPem(Object object) {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  public static void writePrivate(Path file, PrivateKey key) throws IOException {
    Files.writeString(file, toPem(key), StandardCharsets.US_ASCII);
    restrictToOwner(file);
  }

  public static void writePublic(Path file, String pem) throws IOException {
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; nothing more to do.
    }
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      return parsePrivateKey(r, file.toString());
    }
  }

  public static PrivateKey parsePrivateKey(String pem) throws IOException {
    return parsePrivateKey(new StringReader(pem), "PEM text");
  }

  private static PrivateKey parsePrivateKey(Reader reader, String source) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    }
    throw new IOException("no private key in " + source);
  }

  public static PublicKey readPublicKey(Path file) throws IOException {
    return parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  public static PublicKey parsePublicKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      if (o instanceof SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().getPublicKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return new JcaPEMKeyConverter().getPublicKey(pair.getPublicKeyInfo());
      }
    }
    throw new IOException("no public key in PEM text");
  }

  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser =
        new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (CertificateException e) {
      throw new IOException("bad certificate in " + file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IOException("no certificate in " + file);
    }
    return out;
  }
}
