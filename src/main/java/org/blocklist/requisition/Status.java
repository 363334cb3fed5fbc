package org.blocklist.requisition;

import java.util.Locale;

/** {@code pending -> approved | rejected | withdrawn}; only pending changes. */
public enum Status {
  PENDING,
  APPROVED,
  REJECTED,
  WITHDRAWN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status fromCode(String code) {
    for (Status s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status: " + code + " (expected: pending, approved, rejected or withdrawn)");
  }
}
