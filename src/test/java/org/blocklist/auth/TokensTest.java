package org.blocklist.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens (DESIGN.md, "HTTP API": random, at least 256 bits, stored only as a hash): 256
 * random bits as 43 base64url characters without padding; the stored hash is SHA-256 of the token
 * text.
 */
class TokensTest {
  private static final Pattern BASE64URL_43 = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** A "random" source that hands out one fixed byte, so the token is known in advance. */
  private static SecureRandom constant(byte value) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        Arrays.fill(bytes, value);
      }
    };
  }

  @Test
  void generate_allZeroBits_isFortyThreeAs() {
    assertEquals("A".repeat(43), Tokens.generate(constant((byte) 0)));
  }

  @Test
  void generate_allOneBits_isFortyTwoUnderscoresAndAnEight() {
    // 256 one bits: 42 sextets of 111111 ('_' in base64url), then 1111 padded with 00, 60 = '8'.
    assertEquals("_".repeat(42) + "8", Tokens.generate(constant((byte) 0xff)));
  }

  @Test
  void generate_drawsExactlyThirtyTwoBytes() {
    int[] asked = new int[1];
    SecureRandom counting =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            asked[0] += bytes.length;
          }
        };
    Tokens.generate(counting);
    assertEquals(32, asked[0]);
  }

  @Test
  void generate_realRandomness_givesDistinct43CharacterBase64UrlTokensOf256Bits() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = Tokens.generate(random);
      assertTrue(BASE64URL_43.matcher(token).matches(), token);
      assertEquals(32, java.util.Base64.getUrlDecoder().decode(token).length);
      assertTrue(seen.add(token), "a token repeated: " + token);
    }
  }

  @Test
  void hash_isSha256OfTheTokenText() throws Exception {
    String token = Tokens.generate(new SecureRandom());
    assertArrayEquals(
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(UTF_8)),
        Tokens.hash(token).toByteArray());
  }

  @Test
  void hash_ofAbc_isTheFips180Vector() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Tokens.hash("abc").hex());
  }
}
