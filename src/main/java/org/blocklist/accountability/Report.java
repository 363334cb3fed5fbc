package org.blocklist.accountability;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A hotline report as stored: the hosts it names, the hotline's own reference and category, who
 * sent it and when, and the police triage ({@code triager}, {@code triaged}, {@code note}, and the
 * requisition it became, all null while {@code new}).
 */
public record Report(
    long id,
    List<ReportHost> hosts,
    String hotlineReference,
    String category,
    String submitter,
    Instant submitted,
    ReportStatus status,
    String triager,
    Instant triaged,
    String note,
    Long requisition) {
  /** Longest hotline reference and category. */
  public static final int MAX_REFERENCE = 200;

  public static final int MAX_CATEGORY = 100;

  public Report {
    hosts = List.copyOf(hosts);
    requireNonNull(hotlineReference, "hotlineReference");
    requireNonNull(category, "category");
    requireNonNull(submitter, "submitter");
    requireNonNull(submitted, "submitted");
    requireNonNull(status, "status");
  }

  public Report triage(ReportStatus to, String by, Instant at, String why, Long producing) {
    return new Report(
        id, hosts, hotlineReference, category, submitter, submitted, to, by, at, why, producing);
  }
}
