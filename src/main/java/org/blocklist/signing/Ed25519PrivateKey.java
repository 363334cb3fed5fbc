package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (RFC 8032), signing with BouncyCastle. Signatures are deterministic.
 *
 * <p>The secret never leaves this object except as the PKCS#8 PEM of {@link #pkcs8Pem()}, for
 * storage; {@link #toString()} shows the public key only.
 */
public final class Ed25519PrivateKey implements Signer {
  static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

  private final Ed25519PrivateKeyParameters secret;
  private final Ed25519PublicKeyParameters publicParameters;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(Ed25519PrivateKeyParameters secret) throws InvalidKeyException {
    this.secret = secret;
    this.publicParameters = secret.generatePublicKey();
    this.publicKey = Ed25519PublicKey.of(publicParameters.getEncoded());
  }

  /** Generates a new key from {@code random}. */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    requireNonNull(random, "random");
    try {
      return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
    } catch (InvalidKeyException e) {
      // The public key of a seed is a multiple of the base point: of prime order.
      throw new IllegalStateException("generated an Ed25519 key with an invalid public key", e);
    }
  }

  /** The key of the 32-byte RFC 8032 seed (the private key), for this package only. */
  static Ed25519PrivateKey fromSeed(byte[] seed) throws InvalidKeyException {
    requireNonNull(seed, "seed");
    if (seed.length != SEED_LENGTH) {
      throw new InvalidKeyException(
          "Ed25519 private key length: " + seed.length + " (expected: " + SEED_LENGTH + ")");
    }
    return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /**
   * Reads a {@code -----BEGIN PRIVATE KEY-----} PEM (PKCS#8 PrivateKeyInfo, RFC 8410), as written
   * by {@link #pkcs8Pem()} or {@code openssl genpkey -algorithm ed25519}.
   *
   * @throws InvalidKeyException if it is not exactly one such Ed25519 key, if it embeds a public
   *     key that is not its own, or if its public key is refused by {@link Ed25519PublicKey#of}
   */
  public static Ed25519PrivateKey fromPkcs8Pem(String pem) throws InvalidKeyException {
    byte[] der = Pem.decode(pem, Pem.PRIVATE_KEY);
    PrivateKeyInfo info;
    byte[] seed;
    try {
      info = PrivateKeyInfo.getInstance(der);
      AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
      if (!algorithm.getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)
          || algorithm.getParameters() != null) {
        throw new InvalidKeyException(
            "private key algorithm: "
                + algorithm.getAlgorithm()
                + " (expected: "
                + EdECObjectIdentifiers.id_Ed25519
                + " Ed25519, without parameters)");
      }
      seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("private key PEM: not a PKCS#8 Ed25519 key", e);
    }
    Ed25519PrivateKey key = fromSeed(seed);
    if (info.getPublicKeyData() != null
        && !MessageDigest.isEqual(info.getPublicKeyData().getOctets(), key.publicKey.rawBytes())) {
      throw new InvalidKeyException("private key PEM: embedded public key does not match its seed");
    }
    return key;
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * A {@code -----BEGIN PRIVATE KEY-----} PEM (PKCS#8 version 1 PrivateKeyInfo, RFC 8410), the
   * format of {@code openssl genpkey -algorithm ed25519}. It holds the secret: store it readable by
   * its owner only.
   */
  public String pkcs8Pem() {
    try {
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
              new DEROctetString(secret.getEncoded()));
      return Pem.encode(Pem.PRIVATE_KEY, info.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a PrivateKeyInfo", e);
    }
  }

  @Override
  public Signature sign(byte[] message) {
    requireNonNull(message, "message");
    byte[] signature = new byte[Signature.LENGTH];
    secret.sign(
        Ed25519.Algorithm.Ed25519,
        publicParameters,
        null,
        message,
        0,
        message.length,
        signature,
        0);
    return Signature.of(signature);
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public=" + publicKey + "]";
  }
}
