package org.blocklist.requisition;

import java.util.Locale;

/** What an approved requisition does to the list. */
public enum Action {
  BLOCK,
  UNBLOCK;

  /** The wire and manifest spelling: {@code block} or {@code unblock}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Action fromCode(String code) {
    for (Action a : values()) {
      if (a.code().equals(code)) {
        return a;
      }
    }
    throw new IllegalArgumentException("action: " + code + " (expected: block or unblock)");
  }
}
