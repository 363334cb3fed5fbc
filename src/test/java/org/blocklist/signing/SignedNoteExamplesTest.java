package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.blocklist.signing.SignedNote.NoteSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entry of {@code signed-note/examples.txt}: the examples of the C2SP signed-note and
 * tlog-checkpoint specs and the keys and notes of golang.org/x/mod's sumdb/note tests.
 */
class SignedNoteExamplesTest {
  /** Notes with a signature by a known key that must not verify. */
  private static final Set<String> BAD_SIGNATURE = Set.of("derived-gomod-bad-signature");

  /** Notes whose signatures are by no key of the file. */
  private static final Set<String> NO_KNOWN_KEY =
      Set.of("c2sp-signed-note-intro", "c2sp-tlog-checkpoint-intro");

  record Entry(String id, String kind, String value) {}

  private static List<Entry> entries;
  private static List<NoteVerifierKey> knownKeys;

  @BeforeAll
  static void readExamples() throws IOException, NoteFormatException {
    entries = parseExamples(SharedTestData.path("signed-note", "examples.txt"));
    knownKeys = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.kind().equals("vkey")) {
        knownKeys.add(NoteVerifierKey.parse(entry.value()));
      }
    }
  }

  /** The block format of the file header: see examples.txt. */
  static List<Entry> parseExamples(java.nio.file.Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Entry> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("=== ")) {
        assertTrue(line.isEmpty() || line.startsWith("#"), "line " + (i + 1) + ": " + line);
        continue;
      }
      String[] header = line.substring(4).split(" \\| ", 3);
      assertEquals(3, header.length, "line " + (i + 1));
      StringBuilder value = new StringBuilder();
      for (i++; !lines.get(i).equals("=== end"); i++) {
        value.append(lines.get(i)).append('\n');
      }
      String kind = header[1];
      boolean singleLine = Set.of("vkey", "vkey-invalid", "skey").contains(kind);
      if (singleLine || kind.endsWith("-nofinalnl")) {
        value.setLength(value.length() - 1);
      }
      result.add(new Entry(header[0], kind, value.toString()));
    }
    return result;
  }

  @Test
  void everyEntry_isHandledAsItsKindRequires() throws Exception {
    Map<String, Integer> handled = new TreeMap<>();
    for (Entry entry : entries) {
      switch (entry.kind()) {
        case "vkey" -> checkVerifierKey(entry);
        case "vkey-invalid" ->
            assertThrows(
                NoteFormatException.class, () -> NoteVerifierKey.parse(entry.value()), entry.id());
        case "skey" -> checkSignerKey(entry);
        case "note" -> checkNote(entry);
        case "note-text", "checkpoint-body" -> checkUnsignedText(entry);
        case "note-malformed", "note-malformed-nofinalnl" ->
            assertThrows(
                NoteFormatException.class, () -> SignedNote.parse(entry.value()), entry.id());
        default -> fail(entry.id() + ": unknown kind " + entry.kind());
      }
      handled.merge(entry.kind(), 1, Integer::sum);
    }
    Map<String, Integer> expected = new TreeMap<>();
    expected.put("vkey", 4);
    expected.put("vkey-invalid", 2);
    expected.put("skey", 2);
    expected.put("note", 7);
    expected.put("note-text", 1);
    expected.put("checkpoint-body", 1);
    expected.put("note-malformed", 3);
    expected.put("note-malformed-nofinalnl", 2);
    assertEquals(expected, handled);
  }

  private static void checkVerifierKey(Entry entry) throws NoteFormatException {
    NoteVerifierKey key = NoteVerifierKey.parse(entry.value());
    assertEquals(entry.value(), key.encode(), entry.id());
    String[] parts = entry.value().split("\\+", 3);
    assertEquals(parts[0], key.name());
    assertEquals(parts[1], key.hintHex(), entry.id());
    assertEquals(Integer.parseUnsignedInt(parts[1], 16), key.keyHint());
  }

  /** Derives the key from Go's private key string and reproduces its signatures byte for byte. */
  private static void checkSignerKey(Entry entry) throws Exception {
    String[] parts = entry.value().split("\\+", 5);
    assertEquals("PRIVATE", parts[0]);
    assertEquals("KEY", parts[1]);
    byte[] typed = Base64.getDecoder().decode(parts[4]);
    assertEquals(NoteVerifierKey.ALG_ED25519, typed[0]);
    Ed25519PrivateKey key =
        Ed25519PrivateKey.fromSeed(java.util.Arrays.copyOfRange(typed, 1, typed.length));
    NoteVerifierKey vkey = new NoteVerifierKey(parts[2], key.publicKey());
    assertEquals(parts[3], vkey.hintHex(), entry.id());
    assertTrue(knownKeys.contains(vkey), entry.id() + ": its verifier key is in the file");

    String text = value("gomod-note-text");
    SignedNote ours = SignedNote.sign(text, vkey.name(), key, vkey.keyHint());
    ours.verify(vkey);
    NoteSignature ourSignature = ours.signatures().get(0);
    int found = 0;
    for (Entry note : entries) {
      if (!note.kind().equals("note") || BAD_SIGNATURE.contains(note.id())) {
        continue;
      }
      SignedNote theirs = SignedNote.parse(note.value());
      for (NoteSignature signature : theirs.signatures()) {
        if (theirs.text().equals(text)
            && signature.name().equals(vkey.name())
            && signature.keyHint() == vkey.keyHint()) {
          assertEquals(signature, ourSignature, note.id());
          found++;
        }
      }
    }
    assertTrue(found > 0, entry.id() + ": a note of the file has its signature");
    if (vkey.name().equals("PeterNeumann")) {
      assertEquals(value("gomod-note-peter-signed"), ours.encode());
    }
  }

  private static void checkNote(Entry entry) throws Exception {
    SignedNote note = SignedNote.parse(entry.value());
    assertEquals(entry.value(), note.encode(), entry.id() + " re-encodes identically");
    assertEquals(
        note, SignedNote.parse(entry.value().getBytes(StandardCharsets.UTF_8)), entry.id());
    int verified = 0;
    for (NoteVerifierKey key : knownKeys) {
      boolean signedByKey =
          note.signatures().stream()
              .anyMatch(s -> s.name().equals(key.name()) && s.keyHint() == key.keyHint());
      if (!signedByKey) {
        SignatureException e = assertThrows(SignatureException.class, () -> note.verify(key));
        assertTrue(e.getMessage().contains("no signature by key"), e.getMessage());
        continue;
      }
      if (BAD_SIGNATURE.contains(entry.id())) {
        assertThrows(SignatureException.class, () -> note.verify(key), entry.id());
        continue;
      }
      note.verify(key);
      assertTamperedFails(note, key);
      verified++;
    }
    if (NO_KNOWN_KEY.contains(entry.id()) || BAD_SIGNATURE.contains(entry.id())) {
      assertEquals(0, verified, entry.id());
    } else {
      assertTrue(verified > 0, entry.id() + " verifies with a key of the file");
    }
  }

  private static void assertTamperedFails(SignedNote note, NoteVerifierKey key) {
    String text = note.text();
    String changed = (text.charAt(0) == 'X' ? "Y" : "X") + text.substring(1);
    SignedNote wrongText = new SignedNote(changed, note.signatures());
    assertThrows(SignatureException.class, () -> wrongText.verify(key));

    List<NoteSignature> flipped = new ArrayList<>();
    for (NoteSignature signature : note.signatures()) {
      byte[] bytes = signature.signatureBytes();
      if (signature.name().equals(key.name()) && signature.keyHint() == key.keyHint()) {
        bytes[bytes.length / 2] ^= 0x01;
      }
      flipped.add(new NoteSignature(signature.name(), signature.keyHint(), bytes));
    }
    SignedNote wrongSignature = new SignedNote(text, flipped);
    assertThrows(SignatureException.class, () -> wrongSignature.verify(key));
  }

  /** Unsigned text is not a note; signed with a fresh key, it round-trips and verifies. */
  private static void checkUnsignedText(Entry entry) throws Exception {
    assertThrows(NoteFormatException.class, () -> SignedNote.parse(entry.value()), entry.id());
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    NoteVerifierKey vkey = new NoteVerifierKey("example.com/test", key.publicKey());
    SignedNote note = SignedNote.sign(entry.value(), vkey.name(), key, vkey.keyHint());
    SignedNote parsed = SignedNote.parse(note.encode());
    assertEquals(note, parsed);
    assertEquals(entry.value(), parsed.text());
    parsed.verify(vkey);
  }

  private static String value(String id) {
    Map<String, String> byId = new LinkedHashMap<>();
    for (Entry entry : entries) {
      byId.put(entry.id(), entry.value());
    }
    String value = byId.get(id);
    if (value == null) {
      throw new AssertionError("no entry " + id);
    }
    return value;
  }
}
