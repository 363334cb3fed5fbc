package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A 64-byte Ed25519 signature value (RFC 8032): immutable, copied in and out, compared by value
 * with {@link MessageDigest#isEqual}.
 */
public final class Signature {
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies {@code bytes}.
   *
   * @throws IllegalArgumentException unless {@code bytes} is exactly 64 bytes long
   */
  public static Signature of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "signature length: " + bytes.length + " (expected: " + LENGTH + ")");
    }
    return new Signature(bytes.clone());
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Standard padded base64 (RFC 4648, section 4). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The bytes without a copy, for this package only: callers must not modify them. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Signature[" + base64() + "]";
  }
}
