package org.blocklist.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times are stored and served as RFC 3339 UTC text with whole seconds. */
public final class Times {
  private Times() {}

  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
