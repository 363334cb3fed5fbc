package org.blocklist.verify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.blocklist.log.Manifest;

/**
 * The requisitions the audit chain tells of, as its events come: each submitted once ({@code
 * requisition-submitted}, with its action and number of domains), then decided at most once
 * (approved, rejected or withdrawn), never decided before it is submitted.
 */
final class Requisitions {
  /** A submitted requisition: the event that submitted it, its action and number of domains. */
  record Submitted(long event, String action, long domains) {}

  private enum Status {
    PENDING,
    APPROVED,
    REJECTED,
    WITHDRAWN
  }

  private static final class Entry {
    final Submitted submitted;
    Status status = Status.PENDING;

    Entry(Submitted submitted) {
      this.submitted = submitted;
    }
  }

  private final Map<Long, Entry> entries = new HashMap<>();
  private long approved;
  private long rejected;
  private long withdrawn;

  /** Audit event {@code seq}, of type {@code requisition-submitted}. */
  void submitted(long seq, EventText event) throws VerificationException {
    long id = event.number("requisition");
    String action = event.text("action");
    if (!Manifest.BLOCK.equals(action) && !Manifest.UNBLOCK.equals(action)) {
      throw new VerificationException(
          "audit event " + seq + ": action: " + action + " (expected: block or unblock)");
    }
    Entry earlier =
        entries.putIfAbsent(id, new Entry(new Submitted(seq, action, event.number("domains"))));
    if (earlier != null) {
      throw new VerificationException(
          "audit event "
              + seq
              + ": requisition "
              + id
              + " submitted again (first: audit event "
              + earlier.submitted.event()
              + ")");
    }
  }

  /** Audit event {@code seq} approves requisition {@code id}; returns what was submitted. */
  Submitted approved(long seq, long id) throws VerificationException {
    Submitted submitted = decide(seq, id, Status.APPROVED);
    approved++;
    return submitted;
  }

  /** Audit event {@code seq}, of type {@code requisition-rejected}. */
  void rejected(long seq, EventText event) throws VerificationException {
    decide(seq, event.number("requisition"), Status.REJECTED);
    rejected++;
  }

  /** Audit event {@code seq}, of type {@code requisition-withdrawn}. */
  void withdrawn(long seq, EventText event) throws VerificationException {
    decide(seq, event.number("requisition"), Status.WITHDRAWN);
    withdrawn++;
  }

  long submittedCount() {
    return entries.size();
  }

  long approvedCount() {
    return approved;
  }

  long rejectedCount() {
    return rejected;
  }

  long withdrawnCount() {
    return withdrawn;
  }

  private Submitted decide(long seq, long id, Status status) throws VerificationException {
    String decision = status.name().toLowerCase(Locale.ROOT);
    Entry r = entries.get(id);
    if (r == null) {
      throw new VerificationException(
          "audit event " + seq + ": requisition " + id + " " + decision + " but never submitted");
    }
    if (r.status != Status.PENDING) {
      throw new VerificationException(
          "audit event "
              + seq
              + ": requisition "
              + id
              + " "
              + decision
              + " but already "
              + r.status.name().toLowerCase(Locale.ROOT));
    }
    r.status = status;
    return r.submitted;
  }
}
