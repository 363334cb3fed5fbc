package org.blocklist.signing;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A c2sp.org/signed-note verifier key for Ed25519: {@code <name>+<8 hex key ID>+<base64(0x01 ||
 * 32-byte public key)>}.
 *
 * <p>The key ID ("key hint") is the first 4 bytes, big-endian, of {@code SHA-256(name || 0x0A ||
 * 0x01 || public key)}; it is always computed, never trusted from the string.
 *
 * @see <a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>
 */
public record NoteVerifierKey(String name, Ed25519PublicKey key) {
  /** The signature type identifier byte of Ed25519 in signed notes. */
  public static final byte ALG_ED25519 = 0x01;

  /** Bounds the length of a verifier key string we parse. */
  static final int MAX_LENGTH = 4096;

  /**
   * @throws IllegalArgumentException if {@code name} is not a key name of the spec (non-empty, no
   *     Unicode space, no {@code '+'})
   */
  public NoteVerifierKey {
    requireNonNull(name, "name");
    requireNonNull(key, "key");
    if (!NoteSyntax.isValidName(name)) {
      throw new IllegalArgumentException(
          "key name: \"" + name + "\" (expected: non-empty, no spaces, no '+')");
    }
  }

  /**
   * Checks the key name of a signer of ours (the origin of the log): stricter than the spec, it
   * must be non-empty printable ASCII ({@code '!'..'~'}) without {@code '+'}.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static void checkKeyName(String name) {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("key name: \"\" (expected: non-empty)");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~' || c == '+') {
        throw new IllegalArgumentException(
            "key name: \""
                + name
                + "\" has character U+"
                + HexFormat.of().withUpperCase().toHexDigits(c)
                + " at "
                + i
                + " (expected: printable ASCII, no spaces, no '+')");
      }
    }
  }

  /** The key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || key), big-endian. */
  public int keyHint() {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(ALG_ED25519);
    sha256.update(key.rawBytes());
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }

  /** The key ID as 8 lower-case hex digits. */
  public String hintHex() {
    return HexFormat.of().toHexDigits(keyHint());
  }

  /** {@code <name>+<hintHex>+<base64(0x01 || key)>}. */
  public String encode() {
    byte[] typed = new byte[1 + Ed25519PublicKey.LENGTH];
    typed[0] = ALG_ED25519;
    System.arraycopy(key.rawBytes(), 0, typed, 1, Ed25519PublicKey.LENGTH);
    return name + "+" + hintHex() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /**
   * Parses an Ed25519 verifier key string.
   *
   * @throws NoteFormatException if it is not of the form {@code name+hint+base64}, the name breaks
   *     the spec's rules, the algorithm is not Ed25519 (0x01), the key is not 32 bytes or is
   *     refused by {@link Ed25519PublicKey#of}, or the hint is not the one computed from name and
   *     key
   */
  public static NoteVerifierKey parse(String vkey) throws NoteFormatException {
    requireNonNull(vkey, "vkey");
    if (vkey.length() > MAX_LENGTH) {
      throw new NoteFormatException(
          "verifier key length: " + vkey.length() + " (expected: <= " + MAX_LENGTH + ")");
    }
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new NoteFormatException(
          "verifier key: \"" + vkey + "\" (expected: <name>+<8 hex key ID>+<base64 key>)");
    }
    String name = vkey.substring(0, plus1);
    String hintHex = vkey.substring(plus1 + 1, plus2);
    String b64 = vkey.substring(plus2 + 1);
    if (!NoteSyntax.isValidName(name)) {
      throw new NoteFormatException(
          "verifier key name: \"" + name + "\" (expected: non-empty, no spaces, no '+')");
    }
    if (hintHex.length() != 8 || !isHex(hintHex)) {
      throw new NoteFormatException(
          "verifier key ID: \"" + hintHex + "\" (expected: 8 hex digits)");
    }
    byte[] typed = NoteSyntax.decodeBase64("verifier key", b64);
    if (typed.length == 0 || typed[0] != ALG_ED25519) {
      throw new NoteFormatException(
          "verifier key algorithm: "
              + (typed.length == 0 ? "none" : "0x" + HexFormat.of().toHexDigits(typed[0]))
              + " (expected: 0x01 Ed25519)");
    }
    if (typed.length != 1 + Ed25519PublicKey.LENGTH) {
      throw new NoteFormatException(
          "verifier key length: "
              + (typed.length - 1)
              + " bytes (expected: "
              + Ed25519PublicKey.LENGTH
              + ")");
    }
    NoteVerifierKey key;
    try {
      byte[] raw = new byte[Ed25519PublicKey.LENGTH];
      System.arraycopy(typed, 1, raw, 0, raw.length);
      key = new NoteVerifierKey(name, Ed25519PublicKey.of(raw));
    } catch (InvalidKeyException e) {
      throw new NoteFormatException("verifier key: " + e.getMessage(), e);
    }
    int hint = HexFormat.fromHexDigits(hintHex);
    if (hint != key.keyHint()) {
      throw new NoteFormatException(
          "verifier key ID: " + hintHex + " (expected: " + key.hintHex() + ")");
    }
    return key;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return encode();
  }
}
