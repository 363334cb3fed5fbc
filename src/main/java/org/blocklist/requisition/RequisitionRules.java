package org.blocklist.requisition;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blocklist.domain.Canonical;
import org.blocklist.domain.DomainName;
import org.blocklist.domain.Refusal;
import org.blocklist.domain.RequisitionDomainValidator;
import org.blocklist.domain.Validation;
import org.blocklist.principal.Principal;
import org.blocklist.state.ListState;

/**
 * The rules of a requisition's life (DESIGN.md, "Requisitions"), as pure code over a {@link
 * ListState}: what a submission must be, who may decide or withdraw, and that a block names no
 * listed entry and an unblock no unlisted one (checked at submission and again at approval). No
 * I/O: the writer calls these, then commits what they return.
 */
public final class RequisitionRules {
  private final RequisitionDomainValidator validator;
  private final int maxDomains;

  public RequisitionRules(RequisitionDomainValidator validator, int maxDomains) {
    this.validator = requireNonNull(validator, "validator");
    if (maxDomains < 1) {
      throw new IllegalArgumentException("maxDomains: " + maxDomains + " (expected: 1 or more)");
    }
    this.maxDomains = maxDomains;
  }

  /** The size cap of a requisition ({@code limits.requisitionDomains}). */
  public int maxDomains() {
    return maxDomains;
  }

  /** Validates names as a submission does (URLs reduced to hosts, refusals with reasons). */
  public Validation validate(List<String> inputs) {
    return validator.validate(inputs);
  }

  /**
   * The pending requisition {@code id} that {@code police} submits at {@code now}, with how each
   * input was normalised; refused with every reason when any input or field is not acceptable.
   */
  public Submitted submit(Principal police, Submission s, ListState state, long id, Instant now)
      throws RequisitionException {
    String caseReference =
        Texts.check("caseReference", s.caseReference(), Submission.MAX_CASE_REFERENCE, true);
    String note = Texts.check("note", s.note(), Submission.MAX_NOTE, false);
    if (s.legalBasis() == LegalBasis.REVIEW_EXPIRED) {
      throw new RequisitionException(
          Problem.INVALID_REQUEST,
          "legalBasis: review-expired is the service's own (expected: ecommerce-law-2003,"
              + " ccp-39bis or court-decision)");
    }
    if (s.domains().isEmpty()) {
      throw new RequisitionException(
          Problem.INVALID_REQUEST, "domains: empty (expected: 1 or more)");
    }
    if (s.domains().size() > maxDomains) {
      throw new RequisitionException(
          Problem.TOO_MANY_DOMAINS,
          "domains: " + s.domains().size() + " (expected: at most " + maxDomains + ")");
    }
    Validation validation = validator.validate(s.domains());
    if (!validation.ok()) {
      List<Detail> details = new ArrayList<>();
      for (Refusal refusal : validation.refused()) {
        details.add(Detail.refused(refusal.input(), refusal.reason().code(), refusal.message()));
      }
      throw new RequisitionException(
          Problem.INVALID_DOMAINS,
          details.size()
              + " of "
              + s.domains().size()
              + (s.domains().size() == 1 ? " domain" : " domains")
              + " refused; nothing was stored",
          details);
    }
    List<DomainName> names = new ArrayList<>();
    for (Canonical c : validation.accepted()) {
      names.add(c.name());
    }
    checkListState(s.action(), names, state);
    Requisition r =
        new Requisition(
            id,
            s.action(),
            names,
            s.legalBasis(),
            caseReference,
            note,
            police.name(),
            now,
            Status.PENDING,
            null,
            null,
            null,
            null);
    return new Submitted(r, validation.accepted());
  }

  /**
   * What {@link #submit} would make of {@code s} against {@code state}, for the domains only (the
   * free-text fields are checked at submission): canonical forms, refusals and list conflicts.
   * Refused only for a list over the size cap or empty.
   */
  public Preview preview(Submission s, ListState state) throws RequisitionException {
    if (s.domains().isEmpty()) {
      throw new RequisitionException(
          Problem.INVALID_REQUEST, "domains: empty (expected: 1 or more)");
    }
    if (s.domains().size() > maxDomains) {
      throw new RequisitionException(
          Problem.TOO_MANY_DOMAINS,
          "domains: " + s.domains().size() + " (expected: at most " + maxDomains + ")");
    }
    Validation validation = validator.validate(s.domains());
    List<DomainName> names = new ArrayList<>();
    for (Canonical c : validation.accepted()) {
      names.add(c.name());
    }
    List<Preview.Conflict> conflicts = new ArrayList<>();
    try {
      checkListState(s.action(), names, state);
    } catch (RequisitionException e) {
      for (Detail d : e.details()) {
        conflicts.add(new Preview.Conflict(d.domain(), e.problem(), d.message()));
      }
    }
    return new Preview(validation.accepted(), validation.refused(), conflicts);
  }

  /**
   * Checks that {@code decider} may approve {@code r} now, and returns the names it adds and
   * removes, each sorted by byte order.
   */
  public Change approval(Requisition r, Principal decider, ListState state)
      throws RequisitionException {
    checkPending(r);
    checkFourEyes(r, decider);
    checkListState(r.action(), r.domains(), state);
    List<String> names = new ArrayList<>(r.domains().size());
    r.domains().forEach(d -> names.add(d.value()));
    names.sort(null);
    return r.action() == Action.BLOCK ? new Change(names, List.of()) : new Change(List.of(), names);
  }

  /**
   * The pending unblock requisition {@code id} by which the service removes {@code names} (listed,
   * canonical) whose review date has passed: submitted by {@link LegalBasis#SYSTEM_REVIEW} with
   * legal basis {@code review-expired}. Not bounded by the size cap: the writer chooses the batch.
   */
  public static Requisition expiry(List<DomainName> names, long id, Instant now, int reviewDays) {
    return new Requisition(
        id,
        Action.UNBLOCK,
        names,
        LegalBasis.REVIEW_EXPIRED,
        "review-expired",
        "review date passed without renewal (review.days " + reviewDays + ")",
        LegalBasis.SYSTEM_REVIEW,
        now,
        Status.PENDING,
        null,
        null,
        null,
        null);
  }

  /**
   * The approval of an expiry requisition by {@link LegalBasis#SYSTEM_REVIEW}, the one case where
   * the submitter also decides: only for legal basis {@code review-expired}, submitted by that
   * principal, never for anything a person submitted.
   */
  public Change expiryApproval(Requisition r, ListState state) throws RequisitionException {
    checkPending(r);
    if (r.legalBasis() != LegalBasis.REVIEW_EXPIRED
        || !r.submitter().equals(LegalBasis.SYSTEM_REVIEW)
        || r.action() != Action.UNBLOCK) {
      throw new RequisitionException(
          Problem.FOUR_EYES, "requisition " + r.id() + " is not the service's own expiry");
    }
    checkListState(r.action(), r.domains(), state);
    List<String> names = new ArrayList<>(r.domains().size());
    r.domains().forEach(d -> names.add(d.value()));
    names.sort(null);
    return new Change(List.of(), names);
  }

  /** What an approval changes: names added and removed, each sorted. */
  public record Change(List<String> added, List<String> removed) {
    public Change {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }
  }

  /** Checks that {@code decider} may reject {@code r}. */
  public void checkRejection(Requisition r, Principal decider) throws RequisitionException {
    checkPending(r);
    checkFourEyes(r, decider);
  }

  /** Checks that {@code police} may withdraw {@code r}: only its submitter, while pending. */
  public void checkWithdrawal(Requisition r, Principal police) throws RequisitionException {
    checkPending(r);
    if (!r.submitter().equals(police.name())) {
      throw new RequisitionException(
          Problem.NOT_SUBMITTER, "only its submitter may withdraw requisition " + r.id());
    }
  }

  /** A decision note: optional, bounded, no control characters. */
  public static String decisionNote(String note) throws RequisitionException {
    return Texts.check("note", note, Submission.MAX_NOTE, false);
  }

  /** A rejection reason: required, bounded, no control characters. */
  public static String rejectionReason(String reason) throws RequisitionException {
    return Texts.check("reason", reason, Submission.MAX_NOTE, true);
  }

  private static void checkPending(Requisition r) throws RequisitionException {
    if (r.status() != Status.PENDING) {
      throw new RequisitionException(
          Problem.NOT_PENDING,
          "requisition " + r.id() + " is " + r.status().code() + ", not pending");
    }
  }

  /** The second guard of four eyes: roles already keep police from deciding. */
  private static void checkFourEyes(Requisition r, Principal decider) throws RequisitionException {
    if (r.submitter().equals(decider.name())) {
      throw new RequisitionException(
          Problem.FOUR_EYES,
          "requisition "
              + r.id()
              + " was submitted by "
              + decider.name()
              + ", who cannot also decide it");
    }
  }

  /**
   * A block of a listed name or an unblock of an unlisted one is refused, naming the domains; an
   * unblock of a name that is blocked only through a listed parent names that parent, which is what
   * would have to be unblocked.
   */
  private static void checkListState(Action action, List<DomainName> names, ListState s)
      throws RequisitionException {
    boolean block = action == Action.BLOCK;
    List<Detail> conflicts = new ArrayList<>();
    for (DomainName name : names) {
      if (s.isListed(name.value()) != block) {
        continue;
      }
      String message =
          block
              ? "already listed in version " + s.version()
              : "not listed in version " + s.version();
      String parent = block ? null : s.match(name.value());
      if (parent != null) {
        message += "; it is blocked through the listed entry " + parent;
      }
      conflicts.add(Detail.domain(name.value(), message));
    }
    if (!conflicts.isEmpty()) {
      int n = conflicts.size();
      throw new RequisitionException(
          block ? Problem.ALREADY_LISTED : Problem.NOT_LISTED,
          n
              + (n == 1 ? " domain is " : " domains are ")
              + (block ? "already listed" : "not listed")
              + "; nothing changed",
          conflicts);
    }
  }
}
