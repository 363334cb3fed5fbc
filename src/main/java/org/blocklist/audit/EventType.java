package org.blocklist.audit;

import java.util.Locale;

/** Every kind of action recorded in the audit chain. */
public enum EventType {
  KEY_CREATED,
  PRINCIPAL_ADDED,
  PRINCIPAL_REVOKED,
  REQUISITION_SUBMITTED,
  REQUISITION_APPROVED,
  REQUISITION_REJECTED,
  REQUISITION_WITHDRAWN,
  VERSION_PUBLISHED,
  STARTUP_VERIFIED;

  /** The spelling in canonical event text, e.g. {@code requisition-approved}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static EventType fromCode(String code) {
    for (EventType t : values()) {
      if (t.code().equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("event type: " + code);
  }
}
