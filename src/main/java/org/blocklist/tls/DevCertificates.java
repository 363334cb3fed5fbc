package org.blocklist.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Development certificates ({@code blocklist cert dev --out DIR}), never for production: a CA
 * ({@value #CA}, {@value #CA_KEY}), a server certificate for {@code localhost}, {@code 127.0.0.1}
 * and {@code ::1} signed by it ({@value #SERVER}, {@value #SERVER_KEY}), and a client certificate
 * for each named principal ({@code client-NAME.pem}, {@code client-NAME-key.pem}, subject {@code
 * CN=NAME}). Keys are ECDSA P-256 in PKCS#8 PEM, mode 0600; certificates PEM. A directory that
 * already holds a CA keeps it and gets only the client certificates it lacks; an existing file is
 * never overwritten.
 */
public final class DevCertificates {
  public static final String CA = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String SERVER = "server.pem";
  public static final String SERVER_KEY = "server-key.pem";

  /** Longest validity {@code --days} accepts. */
  public static final int MAX_DAYS = 3650;

  private static final Set<PosixFilePermission> SECRET =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private final Clock clock;
  private final SecureRandom random;

  public DevCertificates(Clock clock, SecureRandom random) {
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  /** The client certificate file of principal {@code name}. */
  public static String clientFile(String name) {
    return "client-" + name + ".pem";
  }

  public static String clientKeyFile(String name) {
    return "client-" + name + "-key.pem";
  }

  /**
   * Writes into {@code dir} (created 0700 if missing) the CA and server certificate unless a CA is
   * there, then a client certificate for each of {@code clients}, all valid from now for {@code
   * days}; returns the files written.
   */
  public List<Path> write(Path dir, List<String> clients, int days)
      throws IOException, TlsException {
    requireNonNull(dir, "dir");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days: " + days + " (expected: 1.." + MAX_DAYS + ")");
    }
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    List<Path> written = new ArrayList<>();
    try {
      KeyPair caKeys;
      X509Certificate ca;
      if (Files.exists(dir.resolve(CA))) {
        ca = readCertificate(dir.resolve(CA));
        PrivateKey caKey = readKey(dir.resolve(CA_KEY));
        caKeys = new KeyPair(ca.getPublicKey(), caKey);
      } else {
        caKeys = keyPair();
        X500Name caName = name("blocklist development CA");
        ca = sign(caName, caKeys, caName, caKeys.getPublic(), days, Kind.CA, null);
        written.add(writeKey(dir.resolve(CA_KEY), caKeys.getPrivate()));
        written.add(writeCertificate(dir.resolve(CA), ca));
        KeyPair server = keyPair();
        X509Certificate s =
            sign(caName, caKeys, name("localhost"), server.getPublic(), days, Kind.SERVER, ca);
        written.add(writeKey(dir.resolve(SERVER_KEY), server.getPrivate()));
        written.add(writeCertificate(dir.resolve(SERVER), s));
      }
      X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
      for (String client : clients) {
        KeyPair keys = keyPair();
        X509Certificate c =
            sign(issuer, caKeys, name(client), keys.getPublic(), days, Kind.CLIENT, ca);
        written.add(writeKey(dir.resolve(clientKeyFile(client)), keys.getPrivate()));
        written.add(writeCertificate(dir.resolve(clientFile(client)), c));
      }
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new TlsException("cannot make the development certificates: " + e.getMessage(), e);
    }
    return written;
  }

  private enum Kind {
    CA,
    SERVER,
    CLIENT
  }

  private X509Certificate sign(
      X500Name issuer,
      KeyPair issuerKeys,
      X500Name subject,
      java.security.PublicKey key,
      int days,
      Kind kind,
      X509Certificate issuerCertificate)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    Instant now = clock.instant();
    // Back-dated a minute, so that a client whose clock is a little behind accepts it.
    Date notBefore = Date.from(now.minus(Duration.ofMinutes(1)));
    Date notAfter = Date.from(now.plus(Duration.ofDays(days)));
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(127, random).add(BigInteger.ONE),
            notBefore,
            notAfter,
            subject,
            key);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
    if (issuerCertificate != null) {
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(issuerCertificate));
    }
    switch (kind) {
      case CA -> {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
      case SERVER -> {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                  new GeneralName(GeneralName.iPAddress, "::1")
                }));
      }
      case CLIENT -> {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      }
    }
    X509CertificateHolder holder =
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static Path writeKey(Path file, PrivateKey key) throws IOException {
    return writePem(file, new JcaPKCS8Generator(key, null).generate(), SECRET);
  }

  private static Path writeCertificate(Path file, X509Certificate certificate) throws IOException {
    return writePem(file, certificate, PUBLIC);
  }

  private static Path writePem(Path file, Object pem, Set<PosixFilePermission> mode)
      throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file + " exists (not overwritten)");
    }
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(pem);
    }
    Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
    Files.setPosixFilePermissions(file, mode);
    Files.writeString(
        file, text.toString(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    return file;
  }

  private static X509Certificate readCertificate(Path file) throws IOException, TlsException {
    Object o = readPem(file);
    if (!(o instanceof X509CertificateHolder holder)) {
      throw new TlsException(file + ": not a PEM certificate", null);
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (java.security.cert.CertificateException e) {
      throw new TlsException(file + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException, TlsException {
    Object o = readPem(file);
    if (!(o instanceof PrivateKeyInfo info)) {
      throw new TlsException(file + ": not a PKCS#8 PEM private key", null);
    }
    return new JcaPEMKeyConverter().getPrivateKey(info);
  }

  private static Object readPem(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      return p.readObject();
    }
  }
}
