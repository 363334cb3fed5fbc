package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequisitionDomainValidatorTest {
  private final RequisitionDomainValidator validator =
      new RequisitionDomainValidator(
          new DomainCanonicalizer(),
          ProtectedDomains.of(
              List.of(new DomainName("police.be"), new DomainName("minfin.fgov.be"))));

  private static List<String> names(List<Canonical> accepted) {
    return accepted.stream().map(c -> c.name().value()).toList();
  }

  @Test
  void validate_allGood_isOkWithNamesInInputOrder() {
    Validation v = validator.validate(List.of("b.example", "A.example", "http://c.example/x"));

    assertTrue(v.ok());
    assertEquals(List.of("b.example", "a.example", "c.example"), names(v.accepted()));
    assertEquals(
        List.of(false, false, true), v.accepted().stream().map(Canonical::reducedFromUrl).toList());
  }

  @Test
  void validate_sameCanonicalNameTwice_refusesTheSecondAsDuplicate() {
    Validation v =
        validator.validate(
            List.of("evil.example", "EVIL.example.", "other.example", "http://evil.example/"));

    assertFalse(v.ok());
    assertEquals(List.of("evil.example", "other.example"), names(v.accepted()));
    assertEquals(2, v.refused().size());
    assertEquals(
        new Refusal(
            "EVIL.example.",
            RefusalReason.DUPLICATE,
            "evil.example appears earlier in the same requisition"),
        v.refused().get(0));
    assertEquals("http://evil.example/", v.refused().get(1).input());
    assertEquals(RefusalReason.DUPLICATE, v.refused().get(1).reason());
  }

  @Test
  void validate_idnDuplicateInTwoSpellings_isDuplicate() {
    Validation v = validator.validate(List.of("faß.de", "xn--fa-hia.de", "fass.de"));

    assertEquals(List.of("xn--fa-hia.de", "fass.de"), names(v.accepted()));
    assertEquals(List.of("xn--fa-hia.de"), v.refused().stream().map(Refusal::input).toList());
  }

  @Test
  void validate_refusedTwice_givesTheRealReasonBothTimes() {
    Validation v = validator.validate(List.of("police.be", "police.be", "com", "com"));

    assertEquals(
        List.of(
            RefusalReason.PROTECTED,
            RefusalReason.PROTECTED,
            RefusalReason.PUBLIC_SUFFIX,
            RefusalReason.PUBLIC_SUFFIX),
        v.refused().stream().map(Refusal::reason).toList());
  }

  @Test
  void validate_protected_messageNamesTheProtectedName() {
    Validation v = validator.validate(List.of("www.police.be", "fgov.be", "police.be"));

    assertEquals(
        List.of(
            "www.police.be lies under the protected name police.be",
            "fgov.be contains the protected name minfin.fgov.be",
            "police.be is the protected name police.be"),
        v.refused().stream().map(Refusal::message).toList());
  }

  @Test
  void validate_publicSuffix_messageNamesTheList() {
    Validation v = validator.validate(List.of("github.io", "localhost"));

    assertEquals(
        List.of(
            "github.io is on the Public Suffix List (ICANN or private section)",
            "localhost is a single label (a top-level domain or a local name)"),
        v.refused().stream().map(Refusal::message).toList());
  }

  @Test
  void validate_mixedList_keepsEveryRefusalWithItsRawInput() {
    List<String> inputs =
        List.of("good.example", "", "1.2.3.4", "a".repeat(2049), "co.uk", "a_b.example");

    Validation v = validator.validate(inputs);

    assertEquals(List.of("good.example"), names(v.accepted()));
    assertEquals(
        inputs.subList(1, inputs.size()), v.refused().stream().map(Refusal::input).toList());
    assertEquals(
        List.of(
            RefusalReason.EMPTY,
            RefusalReason.IP_LITERAL,
            RefusalReason.INPUT_TOO_LONG,
            RefusalReason.PUBLIC_SUFFIX,
            RefusalReason.INVALID_NAME),
        v.refused().stream().map(Refusal::reason).toList());
  }

  @Test
  void validate_nullElement_isRefusedAsEmpty() {
    List<String> inputs = new ArrayList<>(Arrays.asList("a.example", null));

    Validation v = validator.validate(inputs);

    assertEquals(1, v.accepted().size());
    assertEquals(RefusalReason.EMPTY, v.refused().get(0).reason());
    assertEquals("", v.refused().get(0).input());
  }

  @Test
  void validate_emptyList_isOkAndEmpty() {
    Validation v = validator.validate(List.of());

    assertTrue(v.ok());
    assertTrue(v.accepted().isEmpty());
  }

  @Test
  void validation_copiesItsLists() {
    List<Canonical> accepted = new ArrayList<>();
    Validation v = new Validation(accepted, List.of());
    accepted.add(new Canonical("a.example", new DomainName("a.example"), false));

    assertTrue(v.accepted().isEmpty());
  }
}
