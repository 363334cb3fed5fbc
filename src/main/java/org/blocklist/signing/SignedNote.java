package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A c2sp.org/signed-note: a text ending in a newline, a blank line, and one or more signature lines
 * {@code — <key name> <base64(4-byte key ID || signature)>} (U+2014 EM DASH, a space).
 *
 * <p>{@link #parse} is strict and bounded: at most {@link #MAX_SIZE} bytes of UTF-8 without ASCII
 * control characters other than newline, at most {@link #MAX_SIGNATURES} signatures, each line well
 * formed, nothing after the final newline. The text is separated from the signatures by the last
 * blank line. {@link #verify} ignores signatures by unknown keys, as the spec requires.
 *
 * @see <a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** The largest note {@link #parse} reads, in UTF-8 bytes. */
  public static final int MAX_SIZE = 1024 * 1024;

  /** The most signatures a note may carry (the limit of golang.org/x/mod/sumdb/note). */
  public static final int MAX_SIGNATURES = 100;

  static final String SIGNATURE_PREFIX = "\u2014 ";

  /**
   * One signature line: the key name, the 32-bit key ID and the signature bytes, of any length
   * since the algorithm is known only to the holder of the key.
   */
  public record NoteSignature(String name, int keyHint, byte[] signatureBytes) {
    public NoteSignature {
      requireNonNull(name, "name");
      requireNonNull(signatureBytes, "signatureBytes");
      if (!NoteSyntax.isValidName(name)) {
        throw new IllegalArgumentException(
            "key name: \"" + name + "\" (expected: non-empty, no spaces, no '+')");
      }
      if (signatureBytes.length == 0) {
        throw new IllegalArgumentException("signature length: 0 (expected: > 0)");
      }
      signatureBytes = signatureBytes.clone();
    }

    /** A copy of the signature bytes. */
    @Override
    public byte[] signatureBytes() {
      return signatureBytes.clone();
    }

    /** The signature line without its newline. */
    String line() {
      byte[] value =
          ByteBuffer.allocate(4 + signatureBytes.length)
              .putInt(keyHint)
              .put(signatureBytes)
              .array();
      return SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NoteSignature other
          && name.equals(other.name)
          && keyHint == other.keyHint
          && MessageDigest.isEqual(signatureBytes, other.signatureBytes);
    }

    @Override
    public int hashCode() {
      return (name.hashCode() * 31 + keyHint) * 31 + Arrays.hashCode(signatureBytes);
    }

    @Override
    public String toString() {
      return line();
    }
  }

  /**
   * @throws IllegalArgumentException if the text does not end in a newline or contains an ASCII
   *     control character other than newline, or if there are no or more than {@link
   *     #MAX_SIGNATURES} signatures
   */
  public SignedNote {
    requireNonNull(text, "text");
    checkText(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "signatures: " + signatures.size() + " (expected: 1.." + MAX_SIGNATURES + ")");
    }
  }

  private static void checkText(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text does not end in a newline");
    }
    int bad = NoteSyntax.indexOfForbiddenChar(text);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "note text: character U+"
              + HexFormat.of().withUpperCase().toHexDigits(text.charAt(bad))
              + " at "
              + bad
              + " (expected: no control character but newline, valid UTF-16)");
    }
  }

  /**
   * Signs {@code text} as is (its UTF-8 bytes) with {@code signer}, under key name {@code name} and
   * key ID {@code keyHint}, and returns the note with that one signature.
   *
   * @throws IllegalArgumentException if the text or the name is not valid for a note
   */
  public static SignedNote sign(String text, String name, Signer signer, int keyHint) {
    requireNonNull(text, "text");
    requireNonNull(name, "name");
    requireNonNull(signer, "signer");
    checkText(text);
    Signature signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
    return new SignedNote(text, List.of(new NoteSignature(name, keyHint, signature.bytes())));
  }

  /** Parses a note given as bytes, which must be valid UTF-8; see {@link #parse(String)}. */
  public static SignedNote parse(byte[] note) throws NoteFormatException {
    requireNonNull(note, "note");
    if (note.length > MAX_SIZE) {
      throw new NoteFormatException(
          "note size: " + note.length + " bytes (expected: <= " + MAX_SIZE + ")");
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(note));
    } catch (CharacterCodingException e) {
      throw new NoteFormatException("note: not valid UTF-8", e);
    }
    return parse(chars.toString());
  }

  /**
   * Parses a note without verifying it.
   *
   * @throws NoteFormatException if it is larger than {@link #MAX_SIZE} bytes, contains a control
   *     character other than newline, has no blank line, no signature line, more than {@link
   *     #MAX_SIGNATURES} signatures, a malformed signature line, or does not end in a newline
   */
  public static SignedNote parse(String note) throws NoteFormatException {
    requireNonNull(note, "note");
    if (note.length() > MAX_SIZE) {
      throw new NoteFormatException(
          "note size: " + note.length() + " characters (expected: <= " + MAX_SIZE + " bytes)");
    }
    int bad = NoteSyntax.indexOfForbiddenChar(note);
    if (bad >= 0) {
      throw new NoteFormatException(
          "note: character U+"
              + HexFormat.of().withUpperCase().toHexDigits(note.charAt(bad))
              + " at "
              + bad
              + " (expected: UTF-8 without control characters other than newline)");
    }
    int size = note.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_SIZE) {
      throw new NoteFormatException(
          "note size: " + size + " bytes (expected: <= " + MAX_SIZE + ")");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteFormatException("note: no blank line before the signatures");
    }
    String text = note.substring(0, split + 1);
    String lines = note.substring(split + 2);
    if (lines.isEmpty()) {
      throw new NoteFormatException("note: no signature line after the blank line");
    }
    if (!lines.endsWith("\n")) {
      throw new NoteFormatException("note: does not end in a newline");
    }
    List<NoteSignature> signatures = new ArrayList<>();
    for (int start = 0; start < lines.length(); ) {
      int end = lines.indexOf('\n', start);
      if (signatures.size() == MAX_SIGNATURES) {
        throw new NoteFormatException(
            "note: more than "
                + MAX_SIGNATURES
                + " signatures (expected: <= "
                + MAX_SIGNATURES
                + ")");
      }
      signatures.add(parseSignatureLine(signatures.size() + 1, lines.substring(start, end)));
      start = end + 1;
    }
    return new SignedNote(text, signatures);
  }

  private static NoteSignature parseSignatureLine(int number, String line)
      throws NoteFormatException {
    String where = "note signature line " + number;
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new NoteFormatException(
          where + ": \"" + line + "\" (expected: \u2014 <key name> <base64 signature>)");
    }
    int space = line.indexOf(' ', SIGNATURE_PREFIX.length());
    if (space < 0) {
      throw new NoteFormatException(where + ": no space between key name and signature");
    }
    String name = line.substring(SIGNATURE_PREFIX.length(), space);
    if (!NoteSyntax.isValidName(name)) {
      throw new NoteFormatException(
          where + ": key name \"" + name + "\" (expected: non-empty, no spaces, no '+')");
    }
    byte[] value = NoteSyntax.decodeBase64(where, line.substring(space + 1));
    if (value.length < 5) {
      throw new NoteFormatException(
          where + ": " + value.length + " bytes (expected: 4-byte key ID and a signature)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    int keyHint = buffer.getInt();
    byte[] signature = new byte[buffer.remaining()];
    buffer.get(signature);
    return new NoteSignature(name, keyHint, signature);
  }

  /** The note as text: the text, a blank line, and one line per signature. */
  public String encode() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSignature signature : signatures) {
      out.append(signature.line()).append('\n');
    }
    return out.toString();
  }

  /**
   * Verifies the signatures by {@code key} (same key name and key ID); signatures by other keys are
   * ignored.
   *
   * @throws SignatureException if no signature is by {@code key}, or one by {@code key} does not
   *     verify
   */
  public void verify(NoteVerifierKey key) throws SignatureException {
    requireNonNull(key, "key");
    int hint = key.keyHint();
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    boolean verified = false;
    for (NoteSignature signature : signatures) {
      if (!signature.name().equals(key.name()) || signature.keyHint() != hint) {
        continue;
      }
      if (signature.signatureBytes.length != Signature.LENGTH) {
        throw new SignatureException(
            "note signature by "
                + key.name()
                + "+"
                + key.hintHex()
                + ": "
                + signature.signatureBytes.length
                + " bytes (expected: "
                + Signature.LENGTH
                + ")");
      }
      try {
        key.key().verify(Signature.of(signature.signatureBytes), message);
      } catch (SignatureException e) {
        throw new SignatureException(
            "note signature by " + key.name() + "+" + key.hintHex() + " does not verify", e);
      }
      verified = true;
    }
    if (!verified) {
      throw new SignatureException("note: no signature by key " + key.name() + "+" + key.hintHex());
    }
  }
}
