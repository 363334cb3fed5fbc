package org.blocklist.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.blocklist.domain.DomainName;
import org.blocklist.requisition.Requisition;

/** A requisition as the console's tables show it; times in UTC, to the minute. */
public record RequisitionRow(
    long id,
    String action,
    List<String> domains,
    String legalBasis,
    String caseReference,
    String note,
    String submitter,
    String submitted,
    String status,
    String decider,
    String decided,
    String decisionNote,
    Long version) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  static RequisitionRow of(Requisition r) {
    return new RequisitionRow(
        r.id(),
        r.action().code(),
        r.domains().stream().map(DomainName::value).toList(),
        r.legalBasis().code(),
        r.caseReference(),
        r.note(),
        r.submitter(),
        time(r.submitted()),
        r.status().code(),
        r.decider(),
        time(r.decided()),
        r.decisionNote(),
        r.version());
  }

  static String time(Instant t) {
    return t == null ? null : TIME.format(t);
  }

  public boolean pending() {
    return status.equals("pending");
  }
}
