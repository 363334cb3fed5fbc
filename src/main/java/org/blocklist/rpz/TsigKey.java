package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key (<a href="https://www.rfc-editor.org/rfc/rfc8945">RFC 8945</a>): its name (absolute,
 * matched case-insensitively), its HMAC algorithm and its secret.
 */
public record TsigKey(Name name, Name algorithm, TsigSecret secret) {
  /** The algorithms accepted, by the names BIND and {@code tsig-keygen} use. */
  public static final Map<String, Name> ALGORITHMS =
      Map.of(
          "hmac-sha256", TSIG.HMAC_SHA256,
          "hmac-sha384", TSIG.HMAC_SHA384,
          "hmac-sha512", TSIG.HMAC_SHA512);

  public TsigKey {
    requireNonNull(name, "name");
    requireNonNull(algorithm, "algorithm");
    requireNonNull(secret, "secret");
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("name: " + name + " (expected: an absolute name)");
    }
    if (!ALGORITHMS.containsValue(algorithm)) {
      throw new IllegalArgumentException(
          "algorithm: " + algorithm + " (expected: one of " + ALGORITHMS.keySet() + ")");
    }
  }

  /** A key from its configuration texts: {@code isp-b.}, {@code hmac-sha256}, base64. */
  public static TsigKey of(String name, String algorithm, String base64Secret) {
    Name n;
    try {
      n = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("name: " + name + " (" + e.getMessage() + ")", e);
    }
    Name alg = ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
    if (alg == null) {
      throw new IllegalArgumentException(
          "algorithm: " + algorithm + " (expected: one of " + ALGORITHMS.keySet() + ")");
    }
    TsigSecret secret;
    try {
      secret = TsigSecret.ofBase64(base64Secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: " + e.getMessage(), e);
    }
    return new TsigKey(n, alg, secret);
  }

  /**
   * dnsjava's signer and verifier for this key, reading the time (for BADTIME) from {@code clock}.
   */
  TSIG tsig(Clock clock) {
    return new TSIG(
        algorithm, name, new SecretKeySpec(secret.bytes(), TSIG.nameToAlgorithm(algorithm)), clock);
  }
}
