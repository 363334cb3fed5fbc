package org.blocklist.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.blocklist.log.Hash;

/**
 * Bearer tokens: 256 random bits, base64url without padding (43 characters). Only the SHA-256 of
 * the token text is ever stored: a token has full entropy, so a fast hash is enough.
 */
public final class Tokens {
  public static final int RANDOM_BYTES = 32;

  /** Longest {@code Authorization} value looked at; anything longer is an unknown token. */
  public static final int MAX_TOKEN_LENGTH = 128;

  private Tokens() {}

  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static Hash hash(String token) {
    return Hash.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
