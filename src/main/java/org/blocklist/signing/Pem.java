package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** RFC 7468 PEM: one DER object between BEGIN and END lines, and nothing else. */
final class Pem {
  static final String PUBLIC_KEY = "PUBLIC KEY";
  static final String PRIVATE_KEY = "PRIVATE KEY";

  /** Bounds what we read: an Ed25519 key PEM is about 120 characters. */
  static final int MAX_LENGTH = 16 * 1024;

  private Pem() {}

  static String encode(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** Returns the DER content of the single {@code type} object in {@code pem}. */
  static byte[] decode(String pem, String type) throws InvalidKeyException {
    requireNonNull(pem, "pem");
    if (pem.length() > MAX_LENGTH) {
      throw new InvalidKeyException(
          "PEM length: " + pem.length() + " (expected: <= " + MAX_LENGTH + ")");
    }
    String trimmed = pem.strip();
    if (!trimmed.startsWith("-----BEGIN " + type + "-----")
        || !trimmed.endsWith("-----END " + type + "-----")) {
      throw new InvalidKeyException("PEM: expected one \"" + type + "\" block and nothing else");
    }
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(trimmed))) {
      object = reader.readPemObject();
      if (object == null || reader.readPemObject() != null) {
        throw new InvalidKeyException("PEM: expected exactly one \"" + type + "\" block");
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("PEM: malformed: " + e.getMessage(), e);
    }
    if (!object.getType().equals(type) || !object.getHeaders().isEmpty()) {
      throw new InvalidKeyException(
          "PEM type: \"" + object.getType() + "\" (expected: \"" + type + "\", no headers)");
    }
    byte[] der = object.getContent();
    try {
      byte[] reencoded = ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER);
      if (!MessageDigest.isEqual(reencoded, der)) {
        throw new InvalidKeyException("PEM: content is not DER");
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyException("PEM: content is not DER: " + e.getMessage(), e);
    }
    return der;
  }
}
