package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.AppealDecision;
import org.blocklist.accountability.AppealQuota;
import org.blocklist.accountability.AppealStatus;
import org.blocklist.accountability.Report;
import org.blocklist.accountability.ReportHost;
import org.blocklist.accountability.ReportStatus;
import org.blocklist.audit.AuditEvent;
import org.blocklist.audit.EventType;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.DomainName;
import org.blocklist.domain.Refusal;
import org.blocklist.domain.Validation;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.Detail;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.Problem;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.RequisitionException;
import org.blocklist.requisition.RequisitionRules;
import org.blocklist.requisition.Submission;
import org.blocklist.requisition.Texts;
import org.blocklist.state.ListState;

/**
 * The writer's desk for accountability (DESIGN.md, "Review, expiry, appeals and reports"): hotline
 * reports and their triage, review renewals, the removal of expired entries, appeals and their
 * answers. Every action runs on the {@link Ledger}'s one writer thread, with its audit events in
 * the same transaction as its rows; the API, the stop page and the console call these same methods,
 * so they share rules and events. None changes the list by itself except {@link #expireDue}, which
 * the service schedules on the writer (never on a request's path).
 */
public final class Desk {
  /** The actor of events with no principal: an appeal from the public. */
  public static final String PUBLIC = "public";

  /** The principal of the service's own expiry requisitions. */
  static final Principal SYSTEM_REVIEW = new Principal(LegalBasis.SYSTEM_REVIEW, Role.PROSECUTOR);

  private final Ledger ledger;
  private final AccountabilityStore store;
  private final AppealQuota quota;
  private final int reviewDays;
  private final int expiryBatch;
  private long nextReportId;
  private long nextAppealId;

  /**
   * @param reviewDays {@code review.days}
   * @param expiryBatch most names one expiry version removes ({@code review.expiryBatch})
   */
  public Desk(
      Ledger ledger, AccountabilityStore store, AppealQuota quota, int reviewDays, int expiryBatch)
      throws StoreException {
    this.ledger = requireNonNull(ledger, "ledger");
    this.store = requireNonNull(store, "store");
    this.quota = requireNonNull(quota, "quota");
    if (reviewDays < 1 || expiryBatch < 1) {
      throw new IllegalArgumentException(
          "reviewDays " + reviewDays + ", expiryBatch " + expiryBatch + " (expected: 1 or more)");
    }
    this.reviewDays = reviewDays;
    this.expiryBatch = expiryBatch;
    this.nextReportId = store.lastReportId() + 1;
    this.nextAppealId = store.lastAppealId() + 1;
  }

  public int reviewDays() {
    return reviewDays;
  }

  /** A stored report and the inputs refused from it. */
  public record SubmittedReport(Report report, List<Refusal> refused) {}

  /** What one expiry run removed: the version it published (0 if none) and the names' count. */
  public record ExpiryRun(long version, int removed, boolean more) {}

  // ---- reports

  /**
   * Stores a report from {@code hotline}: its URLs reduced to hosts, refused inputs listed (the
   * report keeps the others), hosts already listed flagged; refused whole (400 {@code
   * invalid_domains}) when no input is a host that could be requisitioned.
   */
  public CompletableFuture<SubmittedReport> submitReport(
      Principal hotline, List<String> urls, String hotlineReference, String category) {
    return ledger.onWriter(
        () -> {
          String ref =
              Texts.check("hotlineReference", hotlineReference, Report.MAX_REFERENCE, true);
          String cat = Texts.check("category", category, Report.MAX_CATEGORY, false);
          Validation v = validate("urls", urls);
          if (v.accepted().isEmpty()) {
            throw refused(v, "every url refused; nothing was stored");
          }
          ListState state = ledger.state();
          List<ReportHost> hosts = new ArrayList<>();
          for (Canonical c : v.accepted()) {
            String host = c.name().value();
            hosts.add(
                new ReportHost(c.input(), host, c.reducedFromUrl(), state.match(host) != null));
          }
          long id = nextReportId;
          Instant now = ledger.now();
          Report report =
              new Report(
                  id,
                  hosts,
                  ref,
                  cat == null ? "" : cat,
                  hotline.name(),
                  now,
                  ReportStatus.NEW,
                  null,
                  null,
                  null,
                  null);
          AuditEvent event =
              AuditEvent.of(
                  EventType.REPORT_SUBMITTED,
                  now,
                  hotline.name(),
                  "report",
                  id,
                  "hosts",
                  hosts.size(),
                  "listed",
                  hosts.stream().filter(ReportHost::listed).count(),
                  "content",
                  reportDigest(report).hex());
          ChainedWrite.append(
              ledger.store(), List.of(event), chained -> store.insertReport(report, chained));
          nextReportId = id + 1;
          return new SubmittedReport(report, v.refused());
        });
  }

  /** The police dismiss report {@code id} (it must be {@code new}). */
  public CompletableFuture<Report> dismissReport(Principal police, long id, String note) {
    return ledger.onWriter(
        () -> {
          String why = Texts.check("note", note, Submission.MAX_NOTE, false);
          Report r = newReport(id);
          Instant now = ledger.now();
          Report dismissed = r.triage(ReportStatus.DISMISSED, police.name(), now, why, null);
          AuditEvent event =
              AuditEvent.of(EventType.REPORT_DISMISSED, now, police.name(), "report", id);
          ChainedWrite.append(
              ledger.store(),
              List.of(event),
              chained -> store.triageReport(dismissed, null, chained));
          return dismissed;
        });
  }

  /** A report turned into a requisition, and that pending requisition. */
  public record RequisitionedReport(Report report, Requisition requisition) {}

  /**
   * The police turn report {@code id} into a pending {@code block} requisition of its hosts not
   * listed (the body of a submission without domains); the report names the requisition, and the
   * {@code report-requisitioned} event names both. Refused like a submission (409 {@code
   * already_listed} when every host is listed meanwhile).
   */
  public CompletableFuture<RequisitionedReport> requisitionReport(
      Principal police,
      long id,
      Action action,
      LegalBasis legalBasis,
      String caseReference,
      String note) {
    return ledger.onWriter(
        () -> {
          Report r = newReport(id);
          ListState state = ledger.state();
          List<String> domains = new ArrayList<>();
          for (ReportHost h : r.hosts()) {
            if (action != Action.BLOCK || state.match(h.host()) == null) {
              domains.add(h.host());
            }
          }
          if (domains.isEmpty()) {
            List<Detail> conflicts = new ArrayList<>();
            r.hosts().forEach(h -> conflicts.add(Detail.domain(h.host(), "already listed")));
            throw new RequisitionException(
                Problem.ALREADY_LISTED,
                "every host of report " + id + " is already listed; nothing changed",
                conflicts);
          }
          long requisitionId = ledger.nextRequisitionId();
          Instant now = ledger.now();
          Submission submission = new Submission(action, domains, legalBasis, caseReference, note);
          Requisition pending =
              ledger.rules().submit(police, submission, state, requisitionId, now).requisition();
          Report linked =
              r.triage(ReportStatus.REQUISITIONED, police.name(), now, null, requisitionId);
          List<AuditEvent> events =
              List.of(
                  Ledger.submittedEvent(pending),
                  AuditEvent.of(
                      EventType.REPORT_REQUISITIONED,
                      now,
                      police.name(),
                      "report",
                      id,
                      "requisition",
                      requisitionId));
          ChainedWrite.append(
              ledger.store(), events, chained -> store.triageReport(linked, pending, chained));
          ledger.requisitionInserted(requisitionId);
          return new RequisitionedReport(linked, pending);
        });
  }

  private Report newReport(long id) throws StoreException, RequisitionException {
    Report r =
        store
            .report(id)
            .orElseThrow(
                () -> new RequisitionException(Problem.NOT_FOUND, "no report with id " + id));
    if (r.status() != ReportStatus.NEW) {
      throw new RequisitionException(
          Problem.NOT_PENDING, "report " + id + " is " + r.status().code() + ", not new");
    }
    return r;
  }

  // ---- reviews

  /**
   * A prosecutor pushes the review date of listed {@code domains} forward: each then falls due
   * {@code review.days} after now. Refused whole (409 {@code not_listed}) if a name is not an
   * entry; the {@code review-renewed} event carries their count and a digest of the names.
   */
  public CompletableFuture<List<String>> renew(
      Principal prosecutor, List<String> domains, String note) {
    return ledger.onWriter(
        () -> {
          Texts.check("note", note, Submission.MAX_NOTE, false);
          Validation v = validate("domains", domains);
          if (!v.ok()) {
            throw refused(v, "domains refused; nothing was renewed");
          }
          ListState state = ledger.state();
          List<String> names = new ArrayList<>();
          List<Detail> unlisted = new ArrayList<>();
          for (Canonical c : v.accepted()) {
            String name = c.name().value();
            if (state.isListed(name)) {
              names.add(name);
            } else {
              unlisted.add(Detail.domain(name, "not listed in version " + state.version()));
            }
          }
          if (!unlisted.isEmpty()) {
            throw new RequisitionException(
                Problem.NOT_LISTED, "only listed entries have a review; nothing renewed", unlisted);
          }
          names.sort(null);
          Instant now = ledger.now();
          AuditEvent event =
              AuditEvent.of(
                  EventType.REVIEW_RENEWED,
                  now,
                  prosecutor.name(),
                  "domains",
                  names.size(),
                  "names",
                  namesDigest(names).hex(),
                  "review-by",
                  now.plus(Duration.ofDays(reviewDays)));
          ChainedWrite.append(
              ledger.store(), List.of(event), chained -> store.renew(names, now, chained));
          return List.copyOf(names);
        });
  }

  /**
   * Removes at most {@code review.expiryBatch} entries whose review date has passed: an {@code
   * unblock} requisition with legal basis {@code review-expired}, submitted and then decided by
   * {@code system-review}, published like any version. {@code more} says whether others are still
   * due (the caller queues another run, so approvals interleave with a large expiry).
   */
  public CompletableFuture<ExpiryRun> expireDue() {
    return ledger.onWriter(
        () -> {
          Instant now = ledger.now();
          List<String> due =
              store.reviewBaseBefore(now.minus(Duration.ofDays(reviewDays)), expiryBatch + 1);
          boolean more = due.size() > expiryBatch;
          List<DomainName> names = new ArrayList<>(Math.min(due.size(), expiryBatch));
          ListState state = ledger.state();
          for (String name : due.subList(0, Math.min(due.size(), expiryBatch))) {
            if (state.isListed(name)) {
              names.add(new DomainName(name));
            }
          }
          if (names.isEmpty()) {
            return new ExpiryRun(0, 0, false);
          }
          long id = ledger.nextRequisitionId();
          Requisition pending = RequisitionRules.expiry(names, id, now, reviewDays);
          ChainedWrite.append(
              ledger.store(),
              List.of(Ledger.submittedEvent(pending)),
              chained -> ledger.store().insertRequisition(pending, chained));
          ledger.requisitionInserted(id);
          Requisition approved =
              ledger.publishApproval(
                  pending,
                  SYSTEM_REVIEW,
                  ledger.rules().expiryApproval(pending, ledger.state()),
                  "removed by the service: review date passed without renewal");
          return new ExpiryRun(approved.version(), names.size(), more);
        });
  }

  // ---- appeals

  /**
   * Stores an appeal about {@code host} from the public, whether or not the host is listed, and
   * answers both alike (no oracle): the same work, the same answer. Refused with 429 {@code
   * rate_limited} past {@code appeals.perAddressPerHour} from {@code remote} (which is not stored).
   *
   * @param host the host the appeal is about, canonical (the face canonicalises it)
   * @param channel {@code stop-page} or {@code api}
   */
  public CompletableFuture<Long> appeal(
      String host, String message, String language, String channel, SocketAddress remote) {
    if (!quota.tryAcquire(remote)) {
      return CompletableFuture.failedFuture(
          new RequisitionException(
              Problem.RATE_LIMITED, "too many appeals from this address; try again later"));
    }
    return ledger.onWriter(
        () -> {
          String text = Texts.check("message", message, Appeal.MAX_MESSAGE, true);
          long id = nextAppealId;
          Instant now = ledger.now();
          Appeal appeal =
              new Appeal(
                  id,
                  host,
                  text,
                  language,
                  channel,
                  now,
                  AppealStatus.NEW,
                  null,
                  null,
                  null,
                  null,
                  null);
          AuditEvent event =
              AuditEvent.of(
                  EventType.APPEAL_RECEIVED, now, PUBLIC, "appeal", id, "channel", channel);
          ChainedWrite.append(
              ledger.store(), List.of(event), chained -> store.insertAppeal(appeal, chained));
          nextAppealId = id + 1;
          return id;
        });
  }

  /**
   * A prosecutor answers appeal {@code id}; {@code unblock} creates a pending unblock requisition
   * of the listed entry that blocks its host (submitted by that prosecutor, so another must approve
   * it), with the legal basis of the requisition that added the entry.
   */
  public CompletableFuture<Appeal> answerAppeal(
      Principal prosecutor, long id, AppealDecision decision, String note) {
    return ledger.onWriter(
        () -> {
          String why = Texts.check("note", note, Submission.MAX_NOTE, false);
          Appeal a =
              store
                  .appeal(id)
                  .orElseThrow(
                      () -> new RequisitionException(Problem.NOT_FOUND, "no appeal with id " + id));
          if (a.status() != AppealStatus.NEW) {
            throw new RequisitionException(
                Problem.NOT_PENDING, "appeal " + id + " is already answered");
          }
          Instant now = ledger.now();
          List<AuditEvent> events = new ArrayList<>();
          Requisition pending = null;
          if (decision == AppealDecision.UNBLOCK) {
            ListState state = ledger.state();
            String entry = state.match(a.host());
            if (entry == null) {
              throw new RequisitionException(
                  Problem.NOT_LISTED,
                  "appeal " + id + ": its host is not blocked in version " + state.version(),
                  List.of(Detail.domain(a.host(), "not listed in version " + state.version())));
            }
            LegalBasis basis = legalBasisOf(entry);
            long requisitionId = ledger.nextRequisitionId();
            pending =
                ledger
                    .rules()
                    .submit(
                        prosecutor,
                        new Submission(
                            Action.UNBLOCK,
                            List.of(entry),
                            basis,
                            "appeal-" + id,
                            why == null ? "unblock asked by the answer to appeal " + id : why),
                        state,
                        requisitionId,
                        now)
                    .requisition();
            events.add(Ledger.submittedEvent(pending));
          }
          Appeal answered =
              a.answer(
                  prosecutor.name(), now, decision, why, pending == null ? null : pending.id());
          events.add(
              pending == null
                  ? AuditEvent.of(
                      EventType.APPEAL_ANSWERED,
                      now,
                      prosecutor.name(),
                      "appeal",
                      id,
                      "decision",
                      decision.code())
                  : AuditEvent.of(
                      EventType.APPEAL_ANSWERED,
                      now,
                      prosecutor.name(),
                      "appeal",
                      id,
                      "decision",
                      decision.code(),
                      "requisition",
                      pending.id()));
          Requisition inserted = pending;
          ChainedWrite.append(
              ledger.store(), events, chained -> store.answerAppeal(answered, inserted, chained));
          if (inserted != null) {
            ledger.requisitionInserted(inserted.id());
          }
          return answered;
        });
  }

  private LegalBasis legalBasisOf(String entry) throws StoreException {
    Optional<Long> by = store.addedBy(entry);
    if (by.isPresent()) {
      Optional<Requisition> r = ledger.store().requisition(by.get());
      if (r.isPresent() && r.get().legalBasis() != LegalBasis.REVIEW_EXPIRED) {
        return r.get().legalBasis();
      }
    }
    return LegalBasis.CCP_39BIS;
  }

  /**
   * {@code inputs} (the request's field {@code field}) checked against the list's rules: 1 to
   * {@code maxDomains} of them, each reduced to a name or refused.
   */
  private Validation validate(String field, List<String> inputs) throws RequisitionException {
    RequisitionRules rules = ledger.rules();
    if (inputs.isEmpty() || inputs.size() > rules.maxDomains()) {
      throw new RequisitionException(
          inputs.isEmpty() ? Problem.INVALID_REQUEST : Problem.TOO_MANY_DOMAINS,
          field + ": " + inputs.size() + " (expected: 1 to " + rules.maxDomains() + ")");
    }
    return rules.validate(inputs);
  }

  /** {@code invalid_domains}, each refused input a detail. */
  private static RequisitionException refused(Validation v, String message) {
    List<Detail> details = new ArrayList<>();
    for (Refusal r : v.refused()) {
      details.add(Detail.refused(r.input(), r.reason().code(), r.message()));
    }
    return new RequisitionException(Problem.INVALID_DOMAINS, message, details);
  }

  /** SHA-256 over the report's reference, category and hosts, one per line. */
  static Hash reportDigest(Report r) {
    StringBuilder b = new StringBuilder();
    b.append(oneLine(r.hotlineReference())).append('\n').append(oneLine(r.category())).append('\n');
    for (ReportHost h : r.hosts()) {
      b.append(h.host()).append('\n');
    }
    return Hash.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** SHA-256 over sorted names, each followed by {@code \n}. */
  static Hash namesDigest(List<String> sorted) {
    StringBuilder b = new StringBuilder();
    sorted.forEach(n -> b.append(n).append('\n'));
    return Hash.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String oneLine(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
