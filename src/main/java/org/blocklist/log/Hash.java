package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 digest: 32 bytes, immutable, compared by value. */
public final class Hash {
  public static final int LENGTH = 32;

  /** 32 zero bytes: {@code h(0)} of the audit chain. */
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be exactly 32 bytes long. */
  public static Hash of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "hash length: " + bytes.length + " (expected: " + LENGTH + ")");
    }
    return new Hash(bytes.clone());
  }

  public static Hash fromHex(String hex) {
    requireNonNull(hex, "hex");
    if (hex.length() != LENGTH * 2) {
      throw new IllegalArgumentException(
          "hex hash length: " + hex.length() + " (expected: " + LENGTH * 2 + ")");
    }
    return new Hash(HEX.parseHex(hex));
  }

  public static Hash fromBase64(String base64) {
    requireNonNull(base64, "base64");
    return of(Base64.getDecoder().decode(base64));
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest digest = newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash(digest.digest());
  }

  /** Finishes {@code digest}, which must be a SHA-256 digest. */
  public static Hash finish(MessageDigest digest) {
    return of(digest.digest());
  }

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Feeds the hash bytes to {@code digest} without copying them. */
  public void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  @Override
  public String toString() {
    return hex();
  }
}
