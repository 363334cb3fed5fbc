package org.blocklist.requisition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.blocklist.domain.DomainName;
import org.junit.jupiter.api.Test;

/**
 * The content digest that the submission event carries, against an independent SHA-256 of the text
 * its Javadoc describes: action, legal basis, case reference, note and names, one per line, free
 * text escaped so that it stays on its line.
 */
class TextsTest {
  private static final Instant SUBMITTED = Instant.parse("2026-11-22T06:30:00Z");

  private static Requisition requisition(
      Action action, LegalBasis basis, String caseReference, String note, String... names) {
    List<DomainName> domains = new ArrayList<>();
    for (String n : names) {
      domains.add(new DomainName(n));
    }
    return new Requisition(
        3,
        action,
        domains,
        basis,
        caseReference,
        note,
        "officer-1",
        SUBMITTED,
        Status.PENDING,
        null,
        null,
        null,
        null);
  }

  /** SHA-256 computed here with the JDK, as lower-case hex. */
  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
  }

  @Test
  void contentDigest_isSha256OfTheLinesOfWhatWasAsked() throws Exception {
    Requisition r =
        requisition(
            Action.BLOCK,
            LegalBasis.CCP_39BIS,
            "PV 12/2026",
            "from the hotline",
            "b.example",
            "a.example");
    String text =
        "action block\n"
            + "legal-basis ccp-39bis\n"
            + "case-reference PV 12/2026\n"
            + "note from the hotline\n"
            + "domain b.example\n"
            + "domain a.example\n";
    assertEquals(sha256Hex(text), Texts.contentDigest(r).hex());
  }

  @Test
  void contentDigest_withoutNote_hasAnEmptyNoteLine() throws Exception {
    Requisition r =
        requisition(Action.UNBLOCK, LegalBasis.COURT_DECISION, "AR 2026/1", null, "a.example");
    String text =
        "action unblock\n"
            + "legal-basis court-decision\n"
            + "case-reference AR 2026/1\n"
            + "note \n"
            + "domain a.example\n";
    assertEquals(sha256Hex(text), Texts.contentDigest(r).hex());
  }

  @Test
  void contentDigest_escapesNewlinesAndBackslashesOfFreeText_andEncodesUtf8() throws Exception {
    Requisition r =
        requisition(
            Action.BLOCK,
            LegalBasis.ECOMMERCE_LAW_2003,
            "C:\\dossiers\\12",
            "Signalé deux fois\n\tpar la hotline",
            "xn--fa-hia.de");
    String text =
        "action block\n"
            + "legal-basis ecommerce-law-2003\n"
            + "case-reference C:\\\\dossiers\\\\12\n"
            + "note Signalé deux fois\\n\tpar la hotline\n"
            + "domain xn--fa-hia.de\n";
    assertEquals(sha256Hex(text), Texts.contentDigest(r).hex());
  }

  @Test
  void contentDigest_noteThatLooksLikeADomainLine_cannotForgeAnotherDomain() {
    Requisition forged =
        requisition(Action.BLOCK, LegalBasis.CCP_39BIS, "PV 1", "x\ndomain b.example", "a.example");
    Requisition honest =
        requisition(Action.BLOCK, LegalBasis.CCP_39BIS, "PV 1", "x", "a.example", "b.example");
    assertNotEquals(Texts.contentDigest(honest), Texts.contentDigest(forged));
  }

  @Test
  void contentDigest_literalBackslashN_differsFromANewline() {
    Requisition backslashN =
        requisition(Action.BLOCK, LegalBasis.CCP_39BIS, "PV 1", "a\\nb", "a.example");
    Requisition newline =
        requisition(Action.BLOCK, LegalBasis.CCP_39BIS, "PV 1", "a\nb", "a.example");
    assertNotEquals(Texts.contentDigest(backslashN), Texts.contentDigest(newline));
  }

  @Test
  void contentDigest_dependsOnlyOnWhatWasAsked_notOnIdSubmitterTimeOrStatus() {
    Requisition r = requisition(Action.BLOCK, LegalBasis.CCP_39BIS, "PV 1", "n", "a.example");
    Requisition other =
        new Requisition(
            99,
            r.action(),
            r.domains(),
            r.legalBasis(),
            r.caseReference(),
            r.note(),
            "officer-2",
            SUBMITTED.plusSeconds(3600),
            Status.APPROVED,
            "magistrate-1",
            SUBMITTED.plusSeconds(7200),
            "ok",
            4L);
    assertEquals(Texts.contentDigest(r), Texts.contentDigest(other));
  }

  @Property(tries = 300)
  void contentDigest_ofAnyFreeText_equalsTheIndependentDigest(
      @ForAll("freeText") String caseReference, @ForAll("freeText") String note) throws Exception {
    Requisition r =
        requisition(Action.BLOCK, LegalBasis.CCP_39BIS, caseReference, note, "a.example");
    String text =
        "action block\nlegal-basis ccp-39bis\ncase-reference "
            + escapeHere(caseReference)
            + "\nnote "
            + escapeHere(note)
            + "\ndomain a.example\n";
    assertEquals(sha256Hex(text), Texts.contentDigest(r).hex());
  }

  /** The escaping written out character by character: {@code \} to {@code \\}, LF to {@code \n}. */
  private static String escapeHere(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\\') {
        b.append("\\\\");
      } else if (c == '\n') {
        b.append("\\n");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> freeText() {
    return Arbitraries.strings()
        .withChars("ab \\\n\té€")
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(40);
  }

  @Test
  void check_optionalMissingText_isNull_andRequiredMissingTextIsRefused() throws Exception {
    assertNull(Texts.check("note", null, 10, false));
    RequisitionException e =
        assertThrows(RequisitionException.class, () -> Texts.check("field", null, 10, true));
    assertEquals("field: missing or empty", e.getMessage());
    assertEquals(Problem.INVALID_REQUEST, e.problem());
  }

  @Test
  void check_controlCharacter_namesItsCodePointAndIndex() {
    RequisitionException e =
        assertThrows(RequisitionException.class, () -> Texts.check("note", "ab\u001bc", 10, false));
    assertEquals("note: control character U+001B at 2", e.getMessage());
  }

  @Test
  void check_overLong_namesLengthAndMaximum() {
    RequisitionException e =
        assertThrows(RequisitionException.class, () -> Texts.check("note", "abcd", 3, false));
    assertEquals("note: 4 characters (expected: at most 3)", e.getMessage());
  }
}
