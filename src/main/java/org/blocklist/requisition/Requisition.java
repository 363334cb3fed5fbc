package org.blocklist.requisition;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.blocklist.domain.DomainName;

/**
 * A requisition as stored: what the police asked for and what the prosecutor decided. {@code
 * decider}, {@code decided}, {@code decisionNote} and {@code version} are null until decided (and
 * {@code version} stays null unless approved); {@code note} may be null.
 */
public record Requisition(
    long id,
    Action action,
    List<DomainName> domains,
    LegalBasis legalBasis,
    String caseReference,
    String note,
    String submitter,
    Instant submitted,
    Status status,
    String decider,
    Instant decided,
    String decisionNote,
    Long version) {

  public Requisition {
    requireNonNull(action, "action");
    domains = List.copyOf(domains);
    requireNonNull(legalBasis, "legalBasis");
    requireNonNull(caseReference, "caseReference");
    requireNonNull(submitter, "submitter");
    requireNonNull(submitted, "submitted");
    requireNonNull(status, "status");
  }

  public Requisition decide(Status newStatus, String by, Instant at, String why, Long producing) {
    return new Requisition(
        id,
        action,
        domains,
        legalBasis,
        caseReference,
        note,
        submitter,
        submitted,
        newStatus,
        by,
        at,
        why,
        producing);
  }
}
