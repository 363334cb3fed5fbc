package org.blocklist.accountability;

import java.util.Locale;

/**
 * A prosecutor's answer to an appeal: {@code dismissed}, or {@code unblock} (which creates a
 * pending unblock requisition).
 */
public enum AppealDecision {
  DISMISSED,
  UNBLOCK;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AppealDecision fromCode(String code) {
    for (AppealDecision d : values()) {
      if (d.code().equals(code)) {
        return d;
      }
    }
    throw new IllegalArgumentException("decision: " + code + " (expected: dismissed or unblock)");
  }
}
