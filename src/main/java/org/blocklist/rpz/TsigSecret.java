package org.blocklist.rpz;

import java.util.Base64;

/**
 * The shared secret of a TSIG key: handed out only as a copy, never printed. At least {@value
 * #MIN_BYTES} bytes (RFC 8945 section 6: half the output of the hash; {@code tsig-keygen} makes
 * 32).
 */
public final class TsigSecret {
  public static final int MIN_BYTES = 16;

  private final byte[] bytes;

  private TsigSecret(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          bytes.length + " bytes (expected: at least " + MIN_BYTES + ")");
    }
    this.bytes = bytes.clone();
  }

  /** The secret of a base64 text, as {@code tsig-keygen} and BIND's {@code key} clause write it. */
  public static TsigSecret ofBase64(String text) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64 (" + e.getMessage() + ")", e);
    }
    return new TsigSecret(decoded);
  }

  /** A copy of the secret. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "TsigSecret[" + bytes.length + " bytes]";
  }
}
