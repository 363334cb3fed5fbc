package org.blocklist.accountability;

import java.util.Locale;

/**
 * Where a report is in the police triage: {@code new}, then {@code dismissed} or turned into a
 * requisition ({@code requisitioned}).
 */
public enum ReportStatus {
  NEW,
  DISMISSED,
  REQUISITIONED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReportStatus fromCode(String code) {
    for (ReportStatus s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status: " + code + " (expected: new, dismissed or requisitioned)");
  }
}
