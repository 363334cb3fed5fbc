package org.blocklist.accountability;

import java.util.Locale;

/** An appeal is {@code new} until a prosecutor answers it ({@code answered}). */
public enum AppealStatus {
  NEW,
  ANSWERED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AppealStatus fromCode(String code) {
    for (AppealStatus s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status: " + code + " (expected: new or answered)");
  }
}
