package org.blocklist.requisition;

/** The legal ground a requisition rests on (DESIGN.md, "What it is"). */
public enum LegalBasis {
  /** The e-commerce law of 11 March 2003. */
  ECOMMERCE_LAW_2003("ecommerce-law-2003"),
  /** Article 39bis of the Code of Criminal Procedure. */
  CCP_39BIS("ccp-39bis"),
  /** A court decision. */
  COURT_DECISION("court-decision"),
  /**
   * The service's own: an entry whose review date passed without renewal (DESIGN.md, "Review,
   * expiry, appeals and reports"); only the principal {@code system-review} submits with it.
   */
  REVIEW_EXPIRED("review-expired");

  /** The principal that submits and decides the removal of expired entries. */
  public static final String SYSTEM_REVIEW = "system-review";

  private final String code;

  LegalBasis(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static LegalBasis fromCode(String code) {
    for (LegalBasis b : values()) {
      if (b.code.equals(code)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "legalBasis: "
            + code
            + " (expected: ecommerce-law-2003, ccp-39bis, court-decision or review-expired)");
  }
}
