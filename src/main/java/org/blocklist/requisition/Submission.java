package org.blocklist.requisition;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What the police submit, before validation. {@code note} may be null. */
public record Submission(
    Action action, List<String> domains, LegalBasis legalBasis, String caseReference, String note) {
  /** Longest case reference accepted. */
  public static final int MAX_CASE_REFERENCE = 200;

  /** Longest note, decision note or rejection reason accepted. */
  public static final int MAX_NOTE = 4000;

  public Submission {
    requireNonNull(action, "action");
    domains = List.copyOf(domains);
    requireNonNull(legalBasis, "legalBasis");
    requireNonNull(caseReference, "caseReference");
  }
}
