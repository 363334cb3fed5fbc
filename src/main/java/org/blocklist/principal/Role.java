package org.blocklist.principal;

import java.util.Locale;

/** The six roles of DESIGN.md; a principal has exactly one. */
public enum Role {
  POLICE,
  PROSECUTOR,
  ISP,
  AUDITOR,
  ADMIN,
  /** The national hotline: submits Internet users' reports and reads its own. */
  HOTLINE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    for (Role r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "role: " + code + " (expected: police, prosecutor, isp, auditor, admin or hotline)");
  }
}
