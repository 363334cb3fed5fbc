package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.blocklist.signing.SignedNote.NoteSignature;
import org.junit.jupiter.api.Test;

/** The signed-note rules beyond the examples file, and a property test of the parser. */
class SignedNoteTest {
  private static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String PETER_LINE =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  private static final String PETER_NOTE = TEXT + "\n" + PETER_LINE;
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  @Test
  void parse_hundredSignatures_isAccepted() throws Exception {
    SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_LINE.repeat(100));
    assertEquals(100, note.signatures().size());
    note.verify(NoteVerifierKey.parse(PETER_VKEY));
  }

  @Test
  void parse_hundredAndOneSignatures_isRefused() {
    NoteFormatException e =
        assertThrows(
            NoteFormatException.class,
            () -> SignedNote.parse(TEXT + "\n" + PETER_LINE.repeat(101)));
    assertTrue(e.getMessage().contains("more than 100 signatures"), e.getMessage());
  }

  @Test
  void parse_controlCharacterOrInvalidUtf8_isRefused() {
    // x/mod's badMsgs[3] and [4]: a 0x01 prefix, a 0xFF prefix.
    assertThrows(NoteFormatException.class, () -> SignedNote.parse("\u0001" + PETER_NOTE));
    byte[] utf8 = PETER_NOTE.getBytes(StandardCharsets.UTF_8);
    byte[] prefixed = new byte[utf8.length + 1];
    prefixed[0] = (byte) 0xff;
    System.arraycopy(utf8, 0, prefixed, 1, utf8.length);
    assertThrows(NoteFormatException.class, () -> SignedNote.parse(prefixed));
    assertThrows(NoteFormatException.class, () -> SignedNote.parse("\ud800" + PETER_NOTE));
    assertThrows(NoteFormatException.class, () -> SignedNote.parse("a\r\n" + PETER_NOTE));
  }

  @Test
  void parse_largerThanOneMebibyte_isRefused() {
    String line = "x".repeat(1023) + "\n";
    String big = line.repeat(1024) + "\n" + PETER_LINE;
    NoteFormatException e = assertThrows(NoteFormatException.class, () -> SignedNote.parse(big));
    assertTrue(e.getMessage().startsWith("note size: "), e.getMessage());
  }

  @Test
  void parse_malformedSignatureLines_areRefused() {
    String b64 = PETER_LINE.substring(PETER_LINE.indexOf(' ', 2) + 1, PETER_LINE.length() - 1);
    List<String> lines =
        List.of(
            "- PeterNeumann " + b64, // hyphen, not em dash
            "\u2014PeterNeumann " + b64, // no space after the dash
            "\u2014  " + b64, // empty name
            "\u2014 PeterNeumann", // no signature
            "\u2014 PeterNeumann ", // empty signature
            "\u2014 Peter+Neumann " + b64, // '+' in the name
            "\u2014 Peter\u00a0Neumann " + b64, // a Unicode space in the name
            "\u2014 PeterNeumann " + b64.substring(0, b64.length() - 1), // padding missing
            "\u2014 PeterNeumann " + b64 + " ", // trailing space
            "\u2014 PeterNeumann AAAAAA==", // 4 bytes: a key ID and no signature
            "\u2014 PeterNeumann AAAAAAA=", // 5 bytes: well formed (the only one)
            "\u2014 PeterNeumann AAAAAAB=" // non-canonical: unused bits set
            );
    int refused = 0;
    for (String line : lines) {
      try {
        SignedNote.parse(TEXT + "\n" + line + "\n");
      } catch (NoteFormatException e) {
        refused++;
      }
    }
    assertEquals(lines.size() - 1, refused, "all but the 5-byte signature are refused");
  }

  @Test
  void parse_blankLinesInText_splitsAtTheLastOne() throws Exception {
    String text = "a\n\nb\n\n\nc\n";
    SignedNote note = SignedNote.parse(text + "\n" + PETER_LINE);
    assertEquals(text, note.text());
  }

  @Test
  void verify_signatureOfWrongLengthByTheKey_throws() throws Exception {
    NoteVerifierKey key = NoteVerifierKey.parse(PETER_VKEY);
    SignedNote note =
        new SignedNote(TEXT, List.of(new NoteSignature(key.name(), key.keyHint(), new byte[65])));
    SignatureException e = assertThrows(SignatureException.class, () -> note.verify(key));
    assertTrue(e.getMessage().contains("65 bytes (expected: 64)"), e.getMessage());
  }

  @Test
  void verify_sameNameOtherKeyId_isIgnored() throws Exception {
    NoteVerifierKey key = NoteVerifierKey.parse(PETER_VKEY);
    SignedNote good = SignedNote.parse(PETER_NOTE);
    List<NoteSignature> signatures = new ArrayList<>();
    signatures.add(new NoteSignature(key.name(), key.keyHint() + 1, new byte[64]));
    signatures.add(new NoteSignature("Other", key.keyHint(), new byte[3]));
    signatures.addAll(good.signatures());
    new SignedNote(TEXT, signatures).verify(key);

    SignedNote onlyOthers = new SignedNote(TEXT, signatures.subList(0, 2));
    SignatureException e = assertThrows(SignatureException.class, () -> onlyOthers.verify(key));
    assertEquals("note: no signature by key PeterNeumann+c74f20a3", e.getMessage());
  }

  @Test
  void verify_oneGoodAndOneBadSignatureByTheKey_throws() throws Exception {
    NoteVerifierKey key = NoteVerifierKey.parse(PETER_VKEY);
    List<NoteSignature> signatures = new ArrayList<>(SignedNote.parse(PETER_NOTE).signatures());
    signatures.add(new NoteSignature(key.name(), key.keyHint(), new byte[64]));
    SignedNote note = new SignedNote(TEXT, signatures);
    assertThrows(SignatureException.class, () -> note.verify(key));
  }

  @Test
  void sign_textWithoutFinalNewline_isRefused() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new java.security.SecureRandom());
    assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("a", "n", key, 0));
    assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("a\tb\n", "n", key, 0));
    assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("a\n", "a b", key, 0));
  }

  @Test
  void constructor_noOrTooManySignatures_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SignedNote(TEXT, List.of()));
    List<NoteSignature> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(new NoteSignature("n", i, new byte[64]));
    }
    assertThrows(IllegalArgumentException.class, () -> new SignedNote(TEXT, many));
  }

  @Test
  void noteSignature_comparesBytesByValue_andCopies() {
    byte[] bytes = {1, 2, 3};
    NoteSignature signature = new NoteSignature("n", 7, bytes);
    bytes[0] = 9;
    assertEquals(new NoteSignature("n", 7, new byte[] {1, 2, 3}), signature);
    assertEquals(new NoteSignature("n", 7, new byte[] {1, 2, 3}).hashCode(), signature.hashCode());
    assertNotEquals(new NoteSignature("n", 7, new byte[] {1, 2, 4}), signature);
    signature.signatureBytes()[0] = 9;
    assertEquals(1, signature.signatureBytes()[0]);
  }

  /** Any text: parse either refuses it or returns a note that encodes back to the same text. */
  @Property(tries = 2000)
  void parse_anyInput_refusesOrRoundTrips(@ForAll("noteLike") String input) {
    SignedNote note;
    try {
      note = SignedNote.parse(input);
    } catch (NoteFormatException e) {
      return;
    }
    assertEquals(input, note.encode());
  }

  @Provide
  Arbitrary<String> noteLike() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "\n",
            "\n\n",
            "\u2014 ",
            " ",
            "+",
            "=",
            "a",
            "\u00e9",
            "\u2014",
            "\t",
            "\ud83d\ude00",
            "PeterNeumann",
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgK",
            "vqfqdngotpRZb6KE6RyyBwJnAM=",
            "AAAAAAA=",
            TEXT,
            PETER_LINE,
            "\ud800");
    Arbitrary<String> mutatedNote =
        Arbitraries.integers()
            .between(0, PETER_NOTE.length() - 1)
            .flatMap(
                i ->
                    Arbitraries.chars()
                        .map(c -> PETER_NOTE.substring(0, i) + c + PETER_NOTE.substring(i + 1)));
    return Arbitraries.oneOf(
        pieces.list().ofMaxSize(12).map(list -> String.join("", list)), mutatedNote);
  }
}
