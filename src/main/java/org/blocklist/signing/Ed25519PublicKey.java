package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032): 32 raw bytes, verified with BouncyCastle.
 *
 * <p>{@link #of} accepts only the canonical encoding of a point of prime order {@code L}: it
 * refuses the small-order points (the identity among them), for which any signature or a signature
 * of any message could verify, and points with a small-order component. Verification requires
 * exactly 64 signature bytes (the {@link Signature} type guarantees it), which the JDK's own
 * provider does not check.
 */
public final class Ed25519PublicKey implements Verifier {
  public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

  private final byte[] raw;
  private final Ed25519.PublicPoint point;

  private Ed25519PublicKey(byte[] raw, Ed25519.PublicPoint point) {
    this.raw = raw;
    this.point = point;
  }

  /**
   * Decodes and validates a raw 32-byte key.
   *
   * @throws InvalidKeyException if it is not 32 bytes, not the canonical encoding of a curve point,
   *     or not a point of prime order (small order, identity included, or mixed order)
   */
  public static Ed25519PublicKey of(byte[] raw) throws InvalidKeyException {
    requireNonNull(raw, "raw");
    if (raw.length != LENGTH) {
      throw new InvalidKeyException(
          "Ed25519 public key length: " + raw.length + " (expected: " + LENGTH + ")");
    }
    byte[] copy = raw.clone();
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
    if (point == null) {
      throw new InvalidKeyException(
          "Ed25519 public key: "
              + HexFormat.of().formatHex(copy)
              + " (expected: a canonical point of prime order, not small order)");
    }
    return new Ed25519PublicKey(copy, point);
  }

  /**
   * Reads a {@code -----BEGIN PUBLIC KEY-----} PEM (X.509 SubjectPublicKeyInfo, RFC 8410).
   *
   * @throws InvalidKeyException if it is not exactly one such Ed25519 key, or the key is refused by
   *     {@link #of}
   */
  public static Ed25519PublicKey fromPem(String pem) throws InvalidKeyException {
    byte[] der = Pem.decode(pem, Pem.PUBLIC_KEY);
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new InvalidKeyException("public key PEM: not a SubjectPublicKeyInfo", e);
    }
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    if (!algorithm.getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)
        || algorithm.getParameters() != null) {
      throw new InvalidKeyException(
          "public key algorithm: "
              + algorithm.getAlgorithm()
              + " (expected: "
              + EdECObjectIdentifiers.id_Ed25519
              + " Ed25519, without parameters)");
    }
    if (info.getPublicKeyData().getPadBits() != 0) {
      throw new InvalidKeyException(
          "public key PEM: key bit string is not a whole number of bytes");
    }
    return of(info.getPublicKeyData().getOctets());
  }

  /** The 32-byte RFC 8032 encoding (a copy). */
  public byte[] raw() {
    return raw.clone();
  }

  /** A {@code -----BEGIN PUBLIC KEY-----} PEM (SubjectPublicKeyInfo), as OpenSSL writes it. */
  public String pem() {
    SubjectPublicKeyInfo info =
        new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw);
    try {
      return Pem.encode(Pem.PUBLIC_KEY, info.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a SubjectPublicKeyInfo", e);
    }
  }

  @Override
  public void verify(Signature signature, byte[] message) throws SignatureException {
    requireNonNull(signature, "signature");
    requireNonNull(message, "message");
    if (!Ed25519.verify(signature.bytes(), 0, point, message, 0, message.length)) {
      throw new SignatureException("Ed25519 signature does not verify with key " + this);
    }
  }

  /** The raw bytes without a copy, for this package only: callers must not modify them. */
  byte[] rawBytes() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && MessageDigest.isEqual(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(raw);
  }
}
