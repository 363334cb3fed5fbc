package org.blocklist.ledger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.blocklist.audit.EventType;
import org.blocklist.requisition.Status;
import org.blocklist.requisition.Texts;

/**
 * The rows that audit events describe, checked against those events at start. From each {@code
 * requisitions} row and its {@code requisition_domains} rows it recomputes the fields of its {@code
 * requisition-submitted} event (actor = submitter, time = submitted, action, legal basis, number of
 * domains, content digest) and of its decision event (status from the event type, actor = decider,
 * time = decided, version for an approval; a pending row has none); from each {@code principals}
 * row, its {@code principal-added} event (role, time = created) and its {@code principal-revoked}
 * event (time = revoked; an active row has none). Every row must have its events and every such
 * event its row.
 *
 * <p>The chain pass hands over each event ({@link #event}); {@link #checkRequisitions} and {@link
 * #checkPrincipals} then read each table once. Requisitions and principals are few next to entries,
 * so their events are kept in memory.
 */
final class AuditedRows {
  /** An event that describes a row: its number and its lines (type, time and actor included). */
  private record Described(long seq, Map<String, String> fields) {
    String get(String key) {
      return fields.get(key);
    }
  }

  private final Map<Long, Described> submitted = new LinkedHashMap<>();
  private final Map<Long, Described> decided = new HashMap<>();
  private final Map<String, Described> added = new LinkedHashMap<>();
  private final Map<String, Described> revoked = new HashMap<>();

  /** Takes note of event {@code seq} if it describes a requisition or principal row. */
  void event(long seq, Map<String, String> fields) throws VerificationException {
    EventType type;
    try {
      type = EventType.fromCode(fields.get("type"));
    } catch (IllegalArgumentException e) {
      return;
    }
    Described event = new Described(seq, fields);
    switch (type) {
      case REQUISITION_SUBMITTED -> {
        require(event, "action", "legal-basis", "domains", "content");
        long id = number(seq, fields, "requisition");
        first(submitted, id, event, "submits requisition " + id);
      }
      case REQUISITION_APPROVED, REQUISITION_REJECTED, REQUISITION_WITHDRAWN -> {
        require(event);
        long id = number(seq, fields, "requisition");
        if (!submitted.containsKey(id)) {
          throw new VerificationException(
              "audit chain: event "
                  + seq
                  + " decides requisition "
                  + id
                  + ", which no earlier event submitted");
        }
        first(decided, id, event, "decides requisition " + id);
      }
      case PRINCIPAL_ADDED -> {
        require(event, "principal", "role");
        String name = fields.get("principal");
        first(added, name, event, "adds principal " + name);
      }
      case PRINCIPAL_REVOKED -> {
        require(event, "principal");
        String name = fields.get("principal");
        if (!added.containsKey(name)) {
          throw new VerificationException(
              "audit chain: event "
                  + seq
                  + " revokes principal "
                  + name
                  + ", which no earlier event added");
        }
        first(revoked, name, event, "revokes principal " + name);
      }
      default -> {}
    }
  }

  /** Checks every requisition row and its domains against their events, in one pass. */
  void checkRequisitions(LedgerStore.History history) throws StoreException, VerificationException {
    Set<Long> seen = new HashSet<>();
    history.requisitions(
        new LedgerStore.RequisitionSink<VerificationException>() {
          @Override
          public void requisition(StoredRequisition row) throws VerificationException {
            check(row);
            seen.add(row.id());
          }

          @Override
          public void strayDomain(long requisition, long position, String name)
              throws VerificationException {
            throw new VerificationException(
                "requisition_domains row (requisition "
                    + requisition
                    + ", position "
                    + position
                    + "): no requisitions row "
                    + requisition);
          }
        });
    for (Map.Entry<Long, Described> e : submitted.entrySet()) {
      if (!seen.contains(e.getKey())) {
        throw new VerificationException(
            "requisitions row "
                + e.getKey()
                + ": missing, but the requisition-submitted event "
                + e.getValue().seq()
                + " submitted it");
      }
    }
  }

  /** Checks every principal row against its events, in one pass. */
  void checkPrincipals(LedgerStore.History history) throws StoreException, VerificationException {
    Set<String> seen = new HashSet<>();
    history.<VerificationException>principals(
        row -> {
          check(row);
          seen.add(row.name());
        });
    for (Map.Entry<String, Described> e : added.entrySet()) {
      if (!seen.contains(e.getKey())) {
        throw new VerificationException(
            "principals row "
                + e.getKey()
                + ": missing, but the principal-added event "
                + e.getValue().seq()
                + " added it");
      }
    }
  }

  private void check(StoredRequisition row) throws VerificationException {
    String where = "requisitions row " + row.id();
    Described s = submitted.get(row.id());
    if (s == null) {
      throw new VerificationException(
          where + ": no requisition-submitted event in the audit chain");
    }
    same(where, "submitter", row.submitter(), s, s.get("actor"));
    same(where, "submitted", row.submitted(), s, s.get("time"));
    same(where, "action", row.action(), s, s.get("action"));
    same(where, "legal_basis", row.legalBasis(), s, s.get("legal-basis"));
    String count = String.valueOf(row.domains().size());
    if (!count.equals(s.get("domains"))) {
      throw new VerificationException(
          where
              + ": requisition_domains gives domains "
              + count
              + " but the requisition-submitted event "
              + s.seq()
              + " says domains "
              + s.get("domains"));
    }
    String content =
        Texts.contentDigest(
                row.action(), row.legalBasis(), row.caseReference(), row.note(), row.domains())
            .hex();
    if (!content.equals(s.get("content"))) {
      throw new VerificationException(
          where
              + ": case_reference, note and requisition_domains give content "
              + content
              + " but the requisition-submitted event "
              + s.seq()
              + " says "
              + s.get("content"));
    }
    String version = row.version() == null ? null : String.valueOf(row.version());
    Described d = decided.get(row.id());
    if (d == null) {
      undecided(where, "status", Status.PENDING.code().equals(row.status()) ? null : row.status());
      undecided(where, "decider", row.decider());
      undecided(where, "decided", row.decided());
      undecided(where, "version", version);
      return;
    }
    same(where, "status", row.status(), d, status(d));
    same(where, "decider", row.decider(), d, d.get("actor"));
    same(where, "decided", row.decided(), d, d.get("time"));
    same(where, "version", version, d, d.get("version"));
  }

  private void check(StoredPrincipal row) throws VerificationException {
    String where = "principals row " + row.name();
    Described a = added.get(row.name());
    if (a == null) {
      throw new VerificationException(where + ": no principal-added event in the audit chain");
    }
    same(where, "role", row.role(), a, a.get("role"));
    same(where, "created", row.created(), a, a.get("time"));
    Described r = revoked.get(row.name());
    if (r != null) {
      same(where, "revoked", row.revoked(), r, r.get("time"));
    } else if (row.revoked() != null) {
      throw new VerificationException(
          where
              + ": revoked "
              + row.revoked()
              + " but no principal-revoked event is in the audit chain");
    }
  }

  /** The status that a decision event gives its requisition. */
  private static String status(Described decision) {
    return switch (EventType.fromCode(decision.get("type"))) {
      case REQUISITION_APPROVED -> Status.APPROVED.code();
      case REQUISITION_REJECTED -> Status.REJECTED.code();
      default -> Status.WITHDRAWN.code();
    };
  }

  private static void same(
      String where, String column, String stored, Described event, String expected)
      throws VerificationException {
    if (!Objects.equals(stored, expected)) {
      throw new VerificationException(
          where
              + ": "
              + column
              + " "
              + shown(stored)
              + " but the "
              + event.get("type")
              + " event "
              + event.seq()
              + " says "
              + shown(expected));
    }
  }

  /** A pending row has no decision: {@code value} must be null. */
  private static void undecided(String where, String column, String value)
      throws VerificationException {
    if (value != null) {
      throw new VerificationException(
          where + ": " + column + " " + value + " but no decision event is in the audit chain");
    }
  }

  private static String shown(String value) {
    return value == null ? "none" : value;
  }

  private static void require(Described event, String... keys) throws VerificationException {
    requireKey(event, "time");
    requireKey(event, "actor");
    for (String key : keys) {
      requireKey(event, key);
    }
  }

  private static void requireKey(Described event, String key) throws VerificationException {
    if (event.get(key) == null) {
      throw new VerificationException(
          "audit chain: event " + event.seq() + " (" + event.get("type") + ") has no " + key);
    }
  }

  private static <K> void first(Map<K, Described> seen, K key, Described event, String what)
      throws VerificationException {
    Described earlier = seen.putIfAbsent(key, event);
    if (earlier != null) {
      throw new VerificationException(
          "audit chain: event "
              + event.seq()
              + " "
              + what
              + " again (first: event "
              + earlier.seq()
              + ")");
    }
  }

  /** The number in line {@code key} of event {@code seq}. */
  static long number(long seq, Map<String, String> fields, String key)
      throws VerificationException {
    String text = fields.get(key);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new VerificationException("audit chain: event " + seq + ": bad " + key + " " + text);
    }
  }
}
