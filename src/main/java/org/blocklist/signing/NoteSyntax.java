package org.blocklist.signing;

import java.util.Base64;

/** The lexical rules of c2sp.org/signed-note shared by notes and verifier keys. */
final class NoteSyntax {

  private NoteSyntax() {}

  /**
   * A key name of the spec: non-empty, valid UTF-8 (no lone surrogate), with no Unicode space (Go's
   * {@code unicode.IsSpace}: white space and the Z categories) and no {@code '+'}. ASCII control
   * characters are refused too: a note may not contain them.
   */
  static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '+'
          || c < 0x20
          || c == 0x85
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isSurrogate((char) c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * The first offending character of {@code s} for a note: an ASCII control character other than
   * newline, or a lone surrogate (not valid UTF-8); -1 if none.
   */
  static int indexOfForbiddenChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Decodes standard padded base64 (RFC 4648, section 4) in its canonical form only (padding
   * present, unused bits zero), so that a parsed value re-encodes to the same text.
   */
  static byte[] decodeBase64(String what, String b64) throws NoteFormatException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException(what + ": not base64: \"" + b64 + "\"", e);
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(b64)) {
      throw new NoteFormatException(what + ": not canonical padded base64: \"" + b64 + "\"");
    }
    return bytes;
  }
}
