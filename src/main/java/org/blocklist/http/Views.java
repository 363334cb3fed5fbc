package org.blocklist.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.DomainName;
import org.blocklist.requisition.Preview;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Submitted;

/** The JSON shapes of the API. */
final class Views {
  private Views() {}

  /** A JSON object whose keys keep the order given (key, value, key, value, ...). */
  static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put((String) keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  /** RFC 3339 UTC with whole seconds, as every time of the API; null stays null. */
  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A requisition as the API shows it. */
  record RequisitionView(
      long id,
      String action,
      List<String> domains,
      String legalBasis,
      String caseReference,
      String note,
      String submitter,
      String submittedAt,
      String status,
      String decider,
      String decidedAt,
      String decisionNote,
      Long version) {}

  /** How one input became a domain; listed when the two differ. */
  record Normalised(String input, String domain, boolean reducedFromUrl) {}

  static RequisitionView requisition(Requisition r) {
    return new RequisitionView(
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

  /** The requisition, plus {@code normalised} for every input that was changed to fit. */
  static Map<String, Object> submitted(Submitted s) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out =
        new LinkedHashMap<>(Json.MAPPER.convertValue(requisition(s.requisition()), Map.class));
    List<Normalised> changed =
        s.normalised().stream()
            .filter(c -> !c.input().equals(c.name().value()))
            .map(Views::normalised)
            .toList();
    out.put("normalised", changed);
    return out;
  }

  /** One refused input of a preview. */
  record RefusedView(String input, String reason, String message) {}

  /** One list conflict of a preview. */
  record ConflictView(String domain, String error) {}

  /** The answer of {@code POST /v1/requisitions/validate}. */
  static Map<String, Object> preview(Preview p) {
    return ordered(
        "domains", p.accepted().stream().map(c -> c.name().value()).toList(),
        "normalised",
            p.accepted().stream()
                .filter(c -> !c.input().equals(c.name().value()))
                .map(Views::normalised)
                .toList(),
        "refused",
            p.refused().stream()
                .map(r -> new RefusedView(r.input(), r.reason().code(), r.message()))
                .toList(),
        "conflicts",
            p.conflicts().stream()
                .map(c -> new ConflictView(c.domain(), c.problem().code()))
                .toList());
  }

  private static Normalised normalised(Canonical c) {
    return new Normalised(c.input(), c.name().value(), c.reducedFromUrl());
  }
}
