package org.blocklist.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links within the console: query encoding, and the page to return to after sign-in. */
final class Links {
  /** Longest {@code next} kept; a longer one returns to the console's home. */
  static final int MAX_NEXT = 512;

  private Links() {}

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * {@code next} if it is a page of the console (a path under {@code /console/}, no scheme, no
   * host, no line break, not the sign-in page), else the console's home: never a way out.
   */
  static String safeNext(String next) {
    if (next == null
        || next.length() > MAX_NEXT
        || !next.startsWith(Console.PREFIX)
        || next.startsWith(Console.PREFIX + SignInPage.PATH)
        || next.contains("//")
        || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return Console.PREFIX;
    }
    return next;
  }
}
