package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteVerifierKeyTest {
  private static final String PETER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  @ParameterizedTest
  @ValueSource(strings = {"example.com/log", "a", "!~", "blocklist.example.be/v1"})
  void checkKeyName_printableAsciiWithoutSpaceOrPlus_isAccepted(String name) {
    NoteVerifierKey.checkKeyName(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a b",
        "a+b",
        "+",
        "caf\u00e9",
        "tab\there",
        "new\nline",
        "del\u007f",
        "\u00a0"
      })
  void checkKeyName_otherwise_isRefused(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NoteVerifierKey.checkKeyName(name));
    assertTrue(e.getMessage().startsWith("key name: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a+b", "nb\u00a0sp", "em\u2003space", "nel\u0085", "a\u0001"})
  void constructor_nameAgainstTheSpec_isRefused(String name) throws Exception {
    Ed25519PublicKey key = NoteVerifierKey.parse(PETER).key();
    assertThrows(IllegalArgumentException.class, () -> new NoteVerifierKey(name, key));
  }

  @Test
  void constructor_nonAsciiName_isAcceptedAsTheSpecAllows() throws Exception {
    Ed25519PublicKey key = NoteVerifierKey.parse(PETER).key();
    NoteVerifierKey vkey = new NoteVerifierKey("caf\u00e9.example", key);
    assertEquals(vkey, NoteVerifierKey.parse(vkey.encode()));
  }

  @Test
  void keyHint_isSha256OfNameNewlineTypeAndKey() throws Exception {
    NoteVerifierKey vkey = NoteVerifierKey.parse(PETER);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("PeterNeumann\n".getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x01);
    sha256.update(vkey.key().raw());
    assertEquals(ByteBuffer.wrap(sha256.digest()).getInt(), vkey.keyHint());
    assertEquals(0xc74f20a3, vkey.keyHint());
    assertEquals("c74f20a3", vkey.hintHex());
  }

  @Test
  void parse_upperCaseHint_isAcceptedAndEncodedLowerCase() throws Exception {
    NoteVerifierKey vkey = NoteVerifierKey.parse(PETER.replace("c74f20a3", "C74F20A3"));
    assertEquals(PETER, vkey.encode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // wrong hint
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 7 hex digits
        "PeterNeumann+c74f20a3x+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 9 characters
        "PeterNeumann+c74f20g3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // not hex
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", // not base64
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=", // bad padding
        "PeterNeumann+c74f20a3", // no key
        "PeterNeumann",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // empty name
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+",
      })
  void parse_malformed_isRefused(String vkey) {
    assertThrows(NoteFormatException.class, () -> NoteVerifierKey.parse(vkey));
  }

  @Test
  void parse_smallOrderKeyWithItsHint_isRefused() throws Exception {
    byte[] typed = new byte[33];
    typed[0] = 0x01;
    typed[1] = 0x01; // the identity point 01 00 .. 00
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("evil\n".getBytes(StandardCharsets.UTF_8));
    sha256.update(typed);
    String hint = HexFormat.of().formatHex(sha256.digest(), 0, 4);
    String vkey = "evil+" + hint + "+" + Base64.getEncoder().encodeToString(typed);
    NoteFormatException e =
        assertThrows(NoteFormatException.class, () -> NoteVerifierKey.parse(vkey));
    assertTrue(e.getMessage().contains("small order"), e.getMessage());
  }

  @Test
  void parse_tooLong_isRefused() {
    String vkey = "a".repeat(NoteVerifierKey.MAX_LENGTH) + PETER;
    assertThrows(NoteFormatException.class, () -> NoteVerifierKey.parse(vkey));
  }
}
