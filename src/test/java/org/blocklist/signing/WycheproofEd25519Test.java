package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wycheproof's Ed25519 vectors, and the small-order keys that {@link Ed25519PublicKey} refuses. */
class WycheproofEd25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void verify_allWycheproofVectors_giveTheExpectedResult() throws Exception {
    JsonNode root =
        new ObjectMapper()
            .readTree(SharedTestData.path("wycheproof", "ed25519_test.json").toFile());
    assertEquals("EDDSA", root.get("algorithm").asText());
    List<String> wrong = new ArrayList<>();
    int count = 0;
    int valid = 0;
    for (JsonNode group : root.get("testGroups")) {
      byte[] raw = HEX.parseHex(group.get("publicKey").get("pk").asText());
      Ed25519PublicKey key = publicKeyOrNull(raw);
      if (key != null) {
        assertEquals(key, Ed25519PublicKey.fromPem(group.get("publicKeyPem").asText()));
      }
      for (JsonNode test : group.get("tests")) {
        count++;
        byte[] message = HEX.parseHex(test.get("msg").asText());
        byte[] signature = HEX.parseHex(test.get("sig").asText());
        String expected = test.get("result").asText();
        String actual = outcome(key, signature, message);
        if (actual.equals("valid")) {
          valid++;
        }
        if (!actual.equals(expected)) {
          wrong.add("tcId " + test.get("tcId").asInt() + ": " + actual + " (expected: " + expected);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(151, count);
    assertEquals(root.get("numberOfTests").asInt(), count);
    assertEquals(88, valid);
  }

  @Test
  void verify_validSignatureWithAppendedByte_isInvalid() throws Exception {
    // tcId 37, which the JDK's provider accepts: the type refuses the 65-byte value.
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
    byte[] signature = key.sign(new byte[0]).toByteArray();
    byte[] longer = java.util.Arrays.copyOf(signature, 65);
    assertThrows(IllegalArgumentException.class, () -> Signature.of(longer));
    key.publicKey().verify(Signature.of(signature), new byte[0]);
  }

  private static Ed25519PublicKey publicKeyOrNull(byte[] raw) {
    try {
      return Ed25519PublicKey.of(raw);
    } catch (InvalidKeyException e) {
      return null;
    }
  }

  private static String outcome(Ed25519PublicKey key, byte[] signature, byte[] message) {
    if (key == null || signature.length != Signature.LENGTH) {
      return "invalid";
    }
    try {
      key.verify(Signature.of(signature), message);
      return "valid";
    } catch (SignatureException e) {
      return "invalid";
    }
  }

  /** The 8 torsion points, and non-canonical encodings (y >= p, or x = 0 with the sign bit). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        // identity (order 1)
        "0100000000000000000000000000000000000000000000000000000000000000",
        // order 2: y = -1
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        // order 4: y = 0, both signs of x
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        // non-canonical: x = 0 with the sign bit set
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        // non-canonical: y = p (0) and y = p + 1 (1), both sign bits
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      })
  void of_smallOrderPoint_isRefused(String hex) {
    byte[] raw = HEX.parseHex(hex);
    assertTrue(EdwardsTestMath.isSmallOrder(raw), "8 * P is the identity");
    assertFalse(Ed25519.validatePublicKeyFull(raw, 0), "BouncyCastle deems it not prime order");
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.of(raw));
    assertTrue(e.getMessage().contains(hex), e.getMessage());
  }

  @Test
  void of_pointWithSmallOrderComponent_isRefused() throws Exception {
    // A + T, with A of prime order and T of order 8: 8 * (A + T) is not the identity, but the
    // point is not in the prime-order subgroup.
    byte[] a = Ed25519PrivateKey.fromSeed(new byte[32]).publicKey().raw();
    byte[] t = HEX.parseHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
    byte[] mixed =
        EdwardsTestMath.encode(
            EdwardsTestMath.add(EdwardsTestMath.decode(a), EdwardsTestMath.decode(t)));
    assertFalse(EdwardsTestMath.isSmallOrder(mixed));
    assertTrue(Ed25519.validatePublicKeyPartial(mixed, 0), "a point of the curve");
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.of(mixed));
  }

  @Test
  void isSmallOrder_keyOfPrimeOrder_isFalse() throws Exception {
    // Guards the test arithmetic: the key of RFC 8032 test 1 and the base point.
    assertFalse(
        EdwardsTestMath.isSmallOrder(
            HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));
    assertFalse(
        EdwardsTestMath.isSmallOrder(
            HEX.parseHex("5866666666666666666666666666666666666666666666666666666666666666")));
    Ed25519PublicKey.of(
        HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  }

  @Test
  void of_wrongLength_isRefused() {
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.of(new byte[31]));
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.of(new byte[33]));
  }
}
