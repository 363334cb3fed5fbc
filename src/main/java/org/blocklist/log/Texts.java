package org.blocklist.log;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small helpers shared by the strict line parsers of this package. */
final class Texts {
  /** ASCII decimal, no sign, no leading zeros (at most 19 digits: a long may still overflow). */
  static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  private static final int QUOTE_LIMIT = 64;

  private Texts() {}

  /** {@code value} quoted for an error message: escaped, and cut after 64 characters. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    int end = Math.min(value.length(), QUOTE_LIMIT);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > QUOTE_LIMIT) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  /**
   * Parses {@code value} if it is a {@link #DECIMAL} that fits a long, else returns -1 (the values
   * here are never negative).
   */
  static long parseDecimal(String value) {
    if (!DECIMAL.matcher(value).matches()) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
