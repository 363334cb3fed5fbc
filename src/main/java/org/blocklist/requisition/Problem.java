package org.blocklist.requisition;

/** Why the ledger refused a request; {@link #code()} is the API error code. */
public enum Problem {
  INVALID_REQUEST("invalid_request"),
  INVALID_DOMAINS("invalid_domains"),
  TOO_MANY_DOMAINS("too_many_domains"),
  NOT_FOUND("not_found"),
  NOT_PENDING("not_pending"),
  FOUR_EYES("four_eyes"),
  NOT_SUBMITTER("not_submitter"),
  ALREADY_LISTED("already_listed"),
  NOT_LISTED("not_listed"),
  /** Too many appeals from one address. */
  RATE_LIMITED("rate_limited");

  private final String code;

  Problem(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
