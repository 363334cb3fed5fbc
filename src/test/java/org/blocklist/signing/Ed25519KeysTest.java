package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
  private static final HexFormat HEX = HexFormat.of();

  // RFC 8032, section 7.1, TEST 1 and TEST 2.
  private static final String SEED_1 =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String PUBLIC_1 =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String SIGNATURE_1 =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
          + "b46bd25bf5f0595bbe24655141438e7a100b";
  private static final String SEED_2 =
      "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
  private static final String SIGNATURE_2 =
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
          + "1d8c387b2eaeb4302aeeb00d291612bb0c00";

  @Test
  void sign_rfc8032Vectors_giveTheRfcSignatures() throws Exception {
    Ed25519PrivateKey key1 = Ed25519PrivateKey.fromSeed(HEX.parseHex(SEED_1));
    assertEquals(PUBLIC_1, HEX.formatHex(key1.publicKey().raw()));
    Signature signature1 = key1.sign(new byte[0]);
    assertEquals(SIGNATURE_1, HEX.formatHex(signature1.toByteArray()));
    key1.publicKey().verify(signature1, new byte[0]);

    Ed25519PrivateKey key2 = Ed25519PrivateKey.fromSeed(HEX.parseHex(SEED_2));
    assertEquals(SIGNATURE_2, HEX.formatHex(key2.sign(new byte[] {0x72}).toByteArray()));
  }

  @Test
  void verify_otherMessageOrKey_throws() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] message = "hello\n".getBytes(StandardCharsets.UTF_8);
    Signature signature = key.sign(message);
    key.publicKey().verify(signature, message);
    assertThrows(
        SignatureException.class,
        () -> key.publicKey().verify(signature, "hello".getBytes(StandardCharsets.UTF_8)));
    Ed25519PublicKey other = Ed25519PrivateKey.generate(new SecureRandom()).publicKey();
    assertThrows(SignatureException.class, () -> other.verify(signature, message));
  }

  @Test
  void pem_roundTrips_andIsSubjectPublicKeyInfo() throws Exception {
    Ed25519PublicKey key = Ed25519PublicKey.of(HEX.parseHex(PUBLIC_1));
    String pem = key.pem();
    // The DER of an Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix and the key.
    assertEquals(
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
            + "-----END PUBLIC KEY-----\n",
        pem);
    assertEquals(key, Ed25519PublicKey.fromPem(pem));
    assertEquals(key, Ed25519PublicKey.fromPem("\n" + pem.replace("\n", "\r\n")));
  }

  @Test
  void fromPem_notOneEd25519PublicKey_isRefused() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    String pem = key.publicKey().pem();
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.fromPem(""));
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.fromPem(pem + pem));
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.fromPem(pem + "trailing"));
    assertThrows(InvalidKeyException.class, () -> Ed25519PublicKey.fromPem(key.pkcs8Pem()));
    // An X25519 key (OID 1.3.101.110), same shape as an Ed25519 key.
    assertThrows(
        InvalidKeyException.class,
        () ->
            Ed25519PublicKey.fromPem(
                "-----BEGIN PUBLIC KEY-----\n"
                    + "MCowBQYDK2VuAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
                    + "-----END PUBLIC KEY-----\n"));
    // The identity point, well wrapped: refused as small order.
    InvalidKeyException e =
        assertThrows(
            InvalidKeyException.class,
            () ->
                Ed25519PublicKey.fromPem(
                    "-----BEGIN PUBLIC KEY-----\n"
                        + "MCowBQYDK2VwAyEAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                        + "-----END PUBLIC KEY-----\n"));
    assertTrue(e.getMessage().contains("small order"), e.getMessage());
  }

  @Test
  void pkcs8Pem_roundTrips_toTheSameKey() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(SEED_1));
    String pem = key.pkcs8Pem();
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
    Ed25519PrivateKey read = Ed25519PrivateKey.fromPkcs8Pem(pem);
    assertEquals(key.publicKey(), read.publicKey());
    assertEquals(SIGNATURE_1, HEX.formatHex(read.sign(new byte[0]).toByteArray()));
  }

  @Test
  void fromPkcs8Pem_notAPrivateKey_isRefused() {
    assertThrows(InvalidKeyException.class, () -> Ed25519PrivateKey.fromPkcs8Pem("garbage"));
    assertThrows(
        InvalidKeyException.class,
        () ->
            Ed25519PrivateKey.fromPkcs8Pem(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  }

  @Test
  void toString_showsNoSecret() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(SEED_1));
    assertFalse(key.toString().contains(SEED_1));
    assertTrue(key.toString().contains(PUBLIC_1), key.toString());
  }
}
