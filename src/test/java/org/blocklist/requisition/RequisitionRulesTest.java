package org.blocklist.requisition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.blocklist.domain.DomainCanonicalizer;
import org.blocklist.domain.DomainName;
import org.blocklist.domain.ProtectedDomains;
import org.blocklist.domain.RefusalReason;
import org.blocklist.domain.RequisitionDomainValidator;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.MerkleTree;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of a requisition's life, as DESIGN.md ("Entries", "Requisitions", "Who uses it") states
 * them: what a submission must be, the conflict checks against the list at submission and again at
 * approval, four eyes, rejection and withdrawal. The list states are built through the public API
 * of {@code org.blocklist.state}, the validator as the service builds it.
 */
class RequisitionRulesTest {
  private static final int CAP = 5;
  private static final Instant NOW = Instant.parse("2026-11-22T06:30:00Z");
  private static final Principal OFFICER = new Principal("officer-1", Role.POLICE);
  private static final Principal OTHER_OFFICER = new Principal("officer-2", Role.POLICE);
  private static final Principal MAGISTRATE = new Principal("magistrate-1", Role.PROSECUTOR);

  private final RequisitionRules rules =
      new RequisitionRules(
          new RequisitionDomainValidator(new DomainCanonicalizer(), ProtectedDomains.none()), CAP);

  /** Version 0: the empty list. */
  private static ListState empty() {
    return ListState.of(List.of(), new MerkleTree(), new String[0], "checkpoint of version 0\n");
  }

  /** The next version of {@code state}, with {@code added} and {@code removed} (sorted). */
  private static ListState next(ListState state, List<String> added, List<String> removed) {
    ListState.Successor next = state.successor(added, removed);
    Manifest manifest =
        new Manifest(
            "blocklist.example/log",
            next.version(),
            NOW,
            next.version(),
            added.isEmpty() ? Manifest.UNBLOCK : Manifest.BLOCK,
            added.size(),
            removed.size(),
            next.entryCount(),
            next.listDigest(),
            next.changesDigest(),
            Hash.ZERO);
    return next.publish(
        new VersionRecord(
            manifest, "checkpoint of version " + next.version() + "\n", added, removed));
  }

  /** Version 1, listing {@code names} (sorted). */
  private static ListState listing(String... names) {
    return next(empty(), List.of(names), List.of());
  }

  private static Submission block(String... domains) {
    return new Submission(
        Action.BLOCK, List.of(domains), LegalBasis.CCP_39BIS, "PV 12/2026", "from the hotline");
  }

  private static Submission unblock(String... domains) {
    return new Submission(
        Action.UNBLOCK, List.of(domains), LegalBasis.COURT_DECISION, "PV 13/2026", null);
  }

  private static Submission withTexts(String caseReference, String note) {
    return new Submission(
        Action.BLOCK, List.of("example.org"), LegalBasis.ECOMMERCE_LAW_2003, caseReference, note);
  }

  private Requisition pending(Submission s, ListState state) throws RequisitionException {
    return rules.submit(OFFICER, s, state, 7, NOW).requisition();
  }

  private static List<String> values(List<DomainName> names) {
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add(n.value()));
    return out;
  }

  /** Sorted by the unsigned bytes of the UTF-8 text: the order of the snapshot text. */
  private static List<String> byteOrder(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8)));
    return out;
  }

  @Test
  void constructor_capBelowOne_isRefused() {
    RequisitionDomainValidator validator =
        new RequisitionDomainValidator(new DomainCanonicalizer(), ProtectedDomains.none());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RequisitionRules(validator, 0));
    assertTrue(e.getMessage().contains("maxDomains: 0"), e.getMessage());
  }

  @Nested
  class Submit {
    @Test
    void submit_validBlock_isPendingWithCanonicalNamesInInputOrder() throws Exception {
      Submitted s =
          rules.submit(
              OFFICER,
              block("Www.Example.ORG", "http://Example.COM:8080/path", "faß.de"),
              empty(),
              7,
              NOW);
      Requisition r = s.requisition();
      assertEquals(7, r.id());
      assertEquals(Action.BLOCK, r.action());
      assertEquals(List.of("www.example.org", "example.com", "xn--fa-hia.de"), values(r.domains()));
      assertEquals(LegalBasis.CCP_39BIS, r.legalBasis());
      assertEquals("PV 12/2026", r.caseReference());
      assertEquals("from the hotline", r.note());
      assertEquals("officer-1", r.submitter());
      assertEquals(NOW, r.submitted());
      assertEquals(Status.PENDING, r.status());
      assertNull(r.decider());
      assertNull(r.decided());
      assertNull(r.decisionNote());
      assertNull(r.version());
    }

    @Test
    void submit_url_isReducedToItsHost_andSaysSo() throws Exception {
      Submitted s =
          rules.submit(
              OFFICER, block("example.net", "http://Example.COM:8080/path"), empty(), 1, NOW);
      assertEquals(2, s.normalised().size());
      assertEquals("example.net", s.normalised().get(0).input());
      assertFalse(s.normalised().get(0).reducedFromUrl());
      assertEquals("http://Example.COM:8080/path", s.normalised().get(1).input());
      assertEquals("example.com", s.normalised().get(1).name().value());
      assertTrue(s.normalised().get(1).reducedFromUrl());
    }

    @Test
    void submit_noDomains_isAnInvalidRequest() {
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> pending(block(), empty()));
      assertEquals(Problem.INVALID_REQUEST, e.problem());
      assertEquals("invalid_request", e.problem().code());
      assertTrue(e.getMessage().startsWith("domains: "), e.getMessage());
    }

    @Test
    void submit_exactlyTheCap_isAccepted() throws Exception {
      Requisition r =
          pending(block("a.example", "b.example", "c.example", "d.example", "e.example"), empty());
      assertEquals(CAP, r.domains().size());
    }

    @Test
    void submit_overTheCap_isTooManyDomains_namingCountAndCap() {
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () ->
                  pending(
                      block(
                          "a.example",
                          "b.example",
                          "c.example",
                          "d.example",
                          "e.example",
                          "f.example"),
                      empty()));
      assertEquals(Problem.TOO_MANY_DOMAINS, e.problem());
      assertEquals("too_many_domains", e.problem().code());
      assertTrue(e.getMessage().contains("6"), e.getMessage());
      assertTrue(e.getMessage().contains("at most " + CAP), e.getMessage());
    }

    @Test
    void submit_invalidDomains_givesOneDetailPerRefusedInput_inInputOrder() {
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () ->
                  pending(
                      block("good.example", "1.2.3.4", "com", "a_b.example", "Good.Example"),
                      empty()));
      assertEquals(Problem.INVALID_DOMAINS, e.problem());
      assertEquals("invalid_domains", e.problem().code());
      List<Detail> details = e.details();
      assertEquals(4, details.size(), details.toString());
      assertEquals(
          List.of("1.2.3.4", "com", "a_b.example", "Good.Example"),
          details.stream().map(Detail::input).toList());
      assertEquals(
          List.of(
              RefusalReason.IP_LITERAL.code(),
              RefusalReason.PUBLIC_SUFFIX.code(),
              RefusalReason.INVALID_NAME.code(),
              RefusalReason.DUPLICATE.code()),
          details.stream().map(Detail::reason).toList());
      for (Detail d : details) {
        assertNull(d.domain(), d.toString());
        assertTrue(d.message() != null && !d.message().isEmpty(), d.toString());
      }
      assertTrue(e.getMessage().contains("4 of 5"), e.getMessage());
    }

    @Test
    void submit_invalidDomains_areRefusedEvenWhenTheValidOnesConflict() {
      // The validation gate comes first: a refused input is reported as such, not as a conflict.
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> pending(block("listed.example", "co.uk"), listing("listed.example")));
      assertEquals(Problem.INVALID_DOMAINS, e.problem());
      assertEquals(List.of("co.uk"), e.details().stream().map(Detail::input).toList());
    }

    @Test
    void submit_blockOfListedNames_isAlreadyListed_namingExactlyThoseDomains() {
      ListState v1 = listing("a.example", "listed.example");
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> pending(block("new.example", "Listed.Example", "a.example"), v1));
      assertEquals(Problem.ALREADY_LISTED, e.problem());
      assertEquals("already_listed", e.problem().code());
      assertEquals(
          List.of("listed.example", "a.example"),
          e.details().stream().map(Detail::domain).toList());
      for (Detail d : e.details()) {
        assertNull(d.input(), d.toString());
        assertNull(d.reason(), d.toString());
        assertTrue(d.message().contains("version 1"), d.message());
      }
    }

    @Test
    void submit_blockOfAnUnlistedSubdomainOfAnEntry_isNoConflict() throws Exception {
      // A conflict is about entries: www.listed.example is blocked, but it is not an entry.
      Requisition r = pending(block("www.listed.example"), listing("listed.example"));
      assertEquals(List.of("www.listed.example"), values(r.domains()));
    }

    @Test
    void submit_unblockOfUnlistedNames_isNotListed_namingExactlyThoseDomains() {
      ListState v1 = listing("listed.example");
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> pending(unblock("listed.example", "never.example"), v1));
      assertEquals(Problem.NOT_LISTED, e.problem());
      assertEquals("not_listed", e.problem().code());
      assertEquals(List.of("never.example"), e.details().stream().map(Detail::domain).toList());
    }

    @Test
    void submit_unblockOnTheEmptyList_isNotListed() {
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> pending(unblock("a.example"), empty()));
      assertEquals(Problem.NOT_LISTED, e.problem());
      assertTrue(e.details().get(0).message().contains("version 0"), e.details().toString());
    }

    @Test
    void submit_unblockOfListedNames_isPending() throws Exception {
      Requisition r = pending(unblock("listed.example"), listing("listed.example"));
      assertEquals(Action.UNBLOCK, r.action());
      assertEquals(Status.PENDING, r.status());
      assertNull(r.note());
    }

    @Test
    void submit_blankCaseReference_isAnInvalidRequest() {
      for (String blank : new String[] {"", "   ", "\t"}) {
        RequisitionException e =
            assertThrows(
                RequisitionException.class, () -> pending(withTexts(blank, null), empty()));
        assertEquals(Problem.INVALID_REQUEST, e.problem());
        assertTrue(e.getMessage().startsWith("caseReference: "), e.getMessage());
      }
    }

    @Test
    void submit_caseReferenceOfTheMaximumLength_isAccepted() throws Exception {
      String longest = "c".repeat(Submission.MAX_CASE_REFERENCE);
      assertEquals(longest, pending(withTexts(longest, null), empty()).caseReference());
    }

    @Test
    void submit_caseReferenceOneOverTheMaximum_isRefused_namingItsLength() {
      String tooLong = "c".repeat(Submission.MAX_CASE_REFERENCE + 1);
      RequisitionException e =
          assertThrows(
              RequisitionException.class, () -> pending(withTexts(tooLong, null), empty()));
      assertEquals(Problem.INVALID_REQUEST, e.problem());
      assertTrue(e.getMessage().startsWith("caseReference: 201 "), e.getMessage());
      assertTrue(e.getMessage().contains("at most 200"), e.getMessage());
    }

    @Test
    void submit_noteOfTheMaximumLength_isAccepted_andOneMoreIsRefused() throws Exception {
      String longest = "n".repeat(Submission.MAX_NOTE);
      assertEquals(longest, pending(withTexts("PV 1", longest), empty()).note());
      RequisitionException e =
          assertThrows(
              RequisitionException.class, () -> pending(withTexts("PV 1", longest + "n"), empty()));
      assertEquals(Problem.INVALID_REQUEST, e.problem());
      assertTrue(e.getMessage().startsWith("note: 4001 "), e.getMessage());
    }

    @Test
    void submit_blankNote_isStoredAsNoNote() throws Exception {
      assertNull(pending(withTexts("PV 1", "  "), empty()).note());
      assertNull(pending(withTexts("PV 1", null), empty()).note());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"})
    void submit_controlCharacterInCaseReference_isRefused_namingItAndWhere(String control) {
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> pending(withTexts("PV" + control + "12", null), empty()));
      assertEquals(Problem.INVALID_REQUEST, e.problem());
      String hex = String.format(java.util.Locale.ROOT, "U+%04X", (int) control.charAt(0));
      assertTrue(e.getMessage().startsWith("caseReference: "), e.getMessage());
      assertTrue(e.getMessage().contains(hex), e.getMessage());
      assertTrue(e.getMessage().endsWith(" at 2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\u0008", "\u007f", "\u0090"})
    void submit_controlCharacterInNote_isRefused(String control) {
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> pending(withTexts("PV 1", "line" + control), empty()));
      assertEquals(Problem.INVALID_REQUEST, e.problem());
      assertTrue(e.getMessage().startsWith("note: "), e.getMessage());
    }

    @Test
    void submit_noteWithNewlinesTabsAndNonAsciiText_isKeptAsGiven() throws Exception {
      String note = "Signalé par la hotline\n\tdeux fois — 2 × 🚫";
      assertEquals(note, pending(withTexts("PV 1", note), empty()).note());
    }
  }

  @Nested
  class Approval {
    @Test
    void approval_ofAPendingBlock_addsItsNamesSortedByByteOrder() throws Exception {
      // '-' (0x2d) sorts before '.' (0x2e) and digits before letters, whatever the input order.
      Requisition r =
          pending(
              block("zz.example", "a.example", "a-b.example", "0.example", "xn--fa-hia.de"),
              empty());
      RequisitionRules.Change change = rules.approval(r, MAGISTRATE, empty());
      List<String> expected =
          byteOrder(
              List.of("zz.example", "a.example", "a-b.example", "0.example", "xn--fa-hia.de"));
      assertEquals(
          List.of("0.example", "a-b.example", "a.example", "xn--fa-hia.de", "zz.example"),
          expected);
      assertEquals(expected, change.added());
      assertEquals(List.of(), change.removed());
    }

    @Test
    void approval_ofAPendingUnblock_removesItsNamesSortedByByteOrder() throws Exception {
      ListState v1 = listing("a-b.example", "a.example", "b.example");
      Requisition r = pending(unblock("b.example", "a.example", "a-b.example"), v1);
      RequisitionRules.Change change = rules.approval(r, MAGISTRATE, v1);
      assertEquals(List.of(), change.added());
      assertEquals(List.of("a-b.example", "a.example", "b.example"), change.removed());
    }

    @Test
    void approval_change_isImmutable() throws Exception {
      RequisitionRules.Change change =
          rules.approval(pending(block("a.example"), empty()), MAGISTRATE, empty());
      assertThrows(UnsupportedOperationException.class, () -> change.added().add("b.example"));
      assertThrows(UnsupportedOperationException.class, () -> change.removed().clear());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void approval_ofARequisitionNotPending_isNotPending(Status status) throws Exception {
      Requisition decided =
          pending(block("a.example"), empty()).decide(status, "magistrate-2", NOW, null, null);
      RequisitionException e =
          assertThrows(
              RequisitionException.class, () -> rules.approval(decided, MAGISTRATE, empty()));
      assertEquals(Problem.NOT_PENDING, e.problem());
      assertEquals("not_pending", e.problem().code());
      assertTrue(e.getMessage().contains(status.code()), e.getMessage());
    }

    @Test
    void approval_bySubmitter_isFourEyes() throws Exception {
      Requisition r = pending(block("a.example"), empty());
      // The roles already keep police from deciding; this is the second guard, by name.
      Principal sameName = new Principal(r.submitter(), Role.PROSECUTOR);
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> rules.approval(r, sameName, empty()));
      assertEquals(Problem.FOUR_EYES, e.problem());
      assertEquals("four_eyes", e.problem().code());
    }

    @Test
    void approval_afterTheNameWasListedMeanwhile_isAlreadyListed() throws Exception {
      ListState v0 = empty();
      Requisition r = pending(block("a.example", "b.example"), v0);
      ListState v1 = next(v0, List.of("b.example"), List.of());
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> rules.approval(r, MAGISTRATE, v1));
      assertEquals(Problem.ALREADY_LISTED, e.problem());
      assertEquals(List.of("b.example"), e.details().stream().map(Detail::domain).toList());
      assertEquals(Status.PENDING, r.status());
    }

    @Test
    void approval_afterTheNameWasRemovedMeanwhile_isNotListed() throws Exception {
      ListState v1 = listing("a.example", "b.example");
      Requisition r = pending(unblock("a.example", "b.example"), v1);
      ListState v2 = next(v1, List.of(), List.of("a.example"));
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> rules.approval(r, MAGISTRATE, v2));
      assertEquals(Problem.NOT_LISTED, e.problem());
      assertEquals(List.of("a.example"), e.details().stream().map(Detail::domain).toList());
      assertTrue(e.details().get(0).message().contains("version 2"), e.details().toString());
    }

    @Test
    void approval_afterUnrelatedChanges_stillSucceeds() throws Exception {
      ListState v0 = empty();
      Requisition r = pending(block("a.example"), v0);
      ListState v1 = next(v0, List.of("other.example"), List.of());
      assertEquals(List.of("a.example"), rules.approval(r, MAGISTRATE, v1).added());
    }

    @Test
    void approval_checksPendingBeforeFourEyes() throws Exception {
      Requisition withdrawn =
          pending(block("a.example"), empty())
              .decide(Status.WITHDRAWN, OFFICER.name(), NOW, null, null);
      Principal sameName = new Principal(OFFICER.name(), Role.PROSECUTOR);
      RequisitionException e =
          assertThrows(
              RequisitionException.class, () -> rules.approval(withdrawn, sameName, empty()));
      assertEquals(Problem.NOT_PENDING, e.problem());
    }
  }

  @Nested
  class Rejection {
    @Test
    void rejectionReason_missingOrBlank_isAnInvalidRequest() {
      for (String reason : Arrays.asList(null, "", "   ")) {
        RequisitionException e =
            assertThrows(
                RequisitionException.class, () -> RequisitionRules.rejectionReason(reason));
        assertEquals(Problem.INVALID_REQUEST, e.problem());
        assertTrue(e.getMessage().startsWith("reason: "), e.getMessage());
      }
    }

    @Test
    void rejectionReason_given_isKept_andBoundedLikeANote() throws Exception {
      assertEquals("not a CSAM site", RequisitionRules.rejectionReason("not a CSAM site"));
      String longest = "r".repeat(Submission.MAX_NOTE);
      assertEquals(longest, RequisitionRules.rejectionReason(longest));
      assertThrows(
          RequisitionException.class, () -> RequisitionRules.rejectionReason(longest + "r"));
      assertThrows(
          RequisitionException.class, () -> RequisitionRules.rejectionReason("bad\u0000reason"));
    }

    @Test
    void decisionNote_isOptional_andBounded() throws Exception {
      assertNull(RequisitionRules.decisionNote(null));
      assertNull(RequisitionRules.decisionNote(" "));
      assertEquals("ok", RequisitionRules.decisionNote("ok"));
      assertThrows(
          RequisitionException.class,
          () -> RequisitionRules.decisionNote("n".repeat(Submission.MAX_NOTE + 1)));
    }

    @Test
    void checkRejection_ofAPendingRequisitionByAnotherPrincipal_passes() throws Exception {
      Requisition r = pending(block("a.example"), empty());
      assertDoesNotThrow(() -> rules.checkRejection(r, MAGISTRATE));
    }

    @Test
    void checkRejection_bySubmitter_isFourEyes() throws Exception {
      Requisition r = pending(block("a.example"), empty());
      RequisitionException e =
          assertThrows(
              RequisitionException.class,
              () -> rules.checkRejection(r, new Principal(r.submitter(), Role.PROSECUTOR)));
      assertEquals(Problem.FOUR_EYES, e.problem());
    }

    @Test
    void checkRejection_ofADecidedRequisition_isNotPending() throws Exception {
      Requisition approved =
          pending(block("a.example"), empty())
              .decide(Status.APPROVED, "magistrate-2", NOW, null, 1L);
      RequisitionException e =
          assertThrows(
              RequisitionException.class, () -> rules.checkRejection(approved, MAGISTRATE));
      assertEquals(Problem.NOT_PENDING, e.problem());
    }
  }

  @Nested
  class Withdrawal {
    @Test
    void checkWithdrawal_byItsSubmitterWhilePending_passes() throws Exception {
      Requisition r = pending(block("a.example"), empty());
      assertDoesNotThrow(() -> rules.checkWithdrawal(r, OFFICER));
    }

    @Test
    void checkWithdrawal_byAnotherOfficer_isNotSubmitter() throws Exception {
      Requisition r = pending(block("a.example"), empty());
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> rules.checkWithdrawal(r, OTHER_OFFICER));
      assertEquals(Problem.NOT_SUBMITTER, e.problem());
      assertEquals("not_submitter", e.problem().code());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void checkWithdrawal_bySubmitterOnceDecided_isNotPending(Status status) throws Exception {
      Requisition decided =
          pending(block("a.example"), empty()).decide(status, "magistrate-1", NOW, null, null);
      RequisitionException e =
          assertThrows(RequisitionException.class, () -> rules.checkWithdrawal(decided, OFFICER));
      assertEquals(Problem.NOT_PENDING, e.problem());
    }
  }

  @Test
  void exceptionDetails_areImmutable() {
    RequisitionException e =
        new RequisitionException(
            Problem.INVALID_DOMAINS,
            "m",
            new ArrayList<>(List.of(Detail.refused("x", "empty", "m"))));
    assertThrows(
        UnsupportedOperationException.class, () -> e.details().add(Detail.domain("a", "m")));
    assertEquals(
        Collections.emptyList(), new RequisitionException(Problem.NOT_FOUND, "m").details());
  }
}
