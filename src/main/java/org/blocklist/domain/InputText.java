package org.blocklist.domain;

import java.util.HexFormat;

/** Renders untrusted input safely inside messages. */
final class InputText {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Longest part of an input quoted in a message. */
  static final int MAX_QUOTED = 120;

  private InputText() {}

  /**
   * Quotes {@code s}, escaping quotes, backslashes and every invisible or layout-changing character
   * (controls, format characters such as ZWJ or bidi overrides, separators other than the space,
   * surrogates, private use, unassigned) as {@code \\uXXXX}, and cutting it at {@link #MAX_QUOTED}
   * characters.
   */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 16).append('"');
    int end = Math.min(s.length(), MAX_QUOTED);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (isVisible(c)) {
        b.append(c);
      } else {
        b.append("\\u").append(HEX.toHexDigits(c));
      }
    }
    b.append('"');
    if (s.length() > MAX_QUOTED) {
      b.append("... (").append(s.length()).append(" characters)");
    }
    return b.toString();
  }

  private static boolean isVisible(char c) {
    if (c == ' ') {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
