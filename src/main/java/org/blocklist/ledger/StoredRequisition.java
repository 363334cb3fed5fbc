package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code requisitions} row as stored, each column as its text (times RFC 3339 UTC, the form
 * audit events carry), with the names of its {@code requisition_domains} rows in position order.
 * Start-up verification compares it with the events that describe it, so nothing here is parsed: an
 * edited value shows as itself. {@code note}, {@code decider}, {@code decided} and {@code version}
 * are null when the column is.
 */
public record StoredRequisition(
    long id,
    String action,
    String legalBasis,
    String caseReference,
    String note,
    String submitter,
    String submitted,
    String status,
    String decider,
    String decided,
    Long version,
    List<String> domains) {

  public StoredRequisition {
    requireNonNull(action, "action");
    requireNonNull(legalBasis, "legalBasis");
    requireNonNull(caseReference, "caseReference");
    requireNonNull(submitter, "submitter");
    requireNonNull(submitted, "submitted");
    requireNonNull(status, "status");
    domains = List.copyOf(domains);
  }
}
