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
  STARTUP_VERIFIED,
  /** A hotline report stored for police triage. */
  REPORT_SUBMITTED,
  /** The police dismissed a report. */
  REPORT_DISMISSED,
  /** The police turned a report into a pending requisition. */
  REPORT_REQUISITIONED,
  /** A prosecutor pushed the review date of entries forward. */
  REVIEW_RENEWED,
  /** An appeal received from the stop page or the API. */
  APPEAL_RECEIVED,
  /** A prosecutor answered an appeal. */
  APPEAL_ANSWERED;

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
