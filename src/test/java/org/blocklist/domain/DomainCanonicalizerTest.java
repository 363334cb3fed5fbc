package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DomainCanonicalizerTest {
  private final DomainCanonicalizer canonicalizer = new DomainCanonicalizer();

  private DomainException refused(String input) {
    return assertThrows(DomainException.class, () -> canonicalizer.canonicalize(input));
  }

  @Test
  void canonicalize_keepsTheRawInputAndSaysWhetherAUrlWasReduced() throws DomainException {
    Canonical plain = canonicalizer.canonicalize("  ExAmPle.COM. ");
    Canonical url = canonicalizer.canonicalize("http://Example.COM:8080/path");

    assertEquals(new Canonical("  ExAmPle.COM. ", new DomainName("example.com"), false), plain);
    assertEquals(new Canonical("http://Example.COM:8080/path", plain.name(), true), url);
  }

  @Test
  void canonicalize_singleLabelsAndPublicSuffixes_areNamesForLookups() throws DomainException {
    assertEquals("com", canonicalizer.canonicalize("COM").name().value());
    assertEquals("localhost", canonicalizer.canonicalize("localhost").name().value());
    assertEquals("github.io", canonicalizer.canonicalize("github.io").name().value());
  }

  @Test
  void canonicalize_nonTransitional_keepsSharpS() throws DomainException {
    assertEquals("xn--fa-hia.de", canonicalizer.canonicalize("faß.de").name().value());
    assertEquals("fass.de", canonicalizer.canonicalize("fass.de").name().value());
  }

  @Test
  void canonicalize_inputOverTheCap_isInputTooLongBeforeAnythingElse() {
    String input = "a".repeat(DomainCanonicalizer.MAX_INPUT_LENGTH + 1);

    DomainException e = refused(input);

    assertEquals(RefusalReason.INPUT_TOO_LONG, e.reason());
    assertEquals(input, e.input());
    assertTrue(
        e.getMessage().contains("input_too_long: length: 2049 characters (expected: at most 2048)"),
        e.getMessage());
    assertTrue(e.getMessage().length() < 300, "message is cut: " + e.getMessage().length());
  }

  @Test
  void canonicalize_inputAtTheCap_isCanonicalised() throws DomainException {
    String input = " ".repeat(DomainCanonicalizer.MAX_INPUT_LENGTH - 11) + "example.com";

    assertEquals(DomainCanonicalizer.MAX_INPUT_LENGTH, input.length());
    assertEquals("example.com", canonicalizer.canonicalize(input).name().value());
  }

  @Test
  void canonicalize_whitespaceOnly_isEmpty() {
    assertEquals(RefusalReason.EMPTY, refused("").reason());
    assertEquals(RefusalReason.EMPTY, refused(" \t\r\n\u000B\f").reason());
  }

  @Test
  void canonicalize_idnaError_saysWhyInWords_andNamesTheInput() {
    DomainException e = refused("a_b.example");

    assertEquals(RefusalReason.INVALID_NAME, e.reason());
    assertEquals(
        "domain: \"a_b.example\" (invalid_name: underscore (_) is not allowed in a host name)",
        e.getMessage());
  }

  @Test
  void canonicalize_hyphenRules_areThoseOfCheckHyphens() {
    assertTrue(refused("-lead.example").getMessage().contains("a label starts with a hyphen"));
    assertTrue(refused("trail-.example").getMessage().contains("a label ends with a hyphen"));
    assertTrue(
        refused("ab--c.example")
            .getMessage()
            .contains("a label has hyphens in its third and fourth places"));
    assertTrue(
        refused("xn--zzzz.example").getMessage().contains("an xn-- label is not valid Punycode"));
  }

  @Test
  void canonicalize_joinerOutOfContext_isACheckJoinersError() {
    DomainException e = refused("a\u200Db.example");

    assertEquals(RefusalReason.INVALID_NAME, e.reason());
    assertTrue(
        e.getMessage().contains("a zero-width joiner or non-joiner stands where IDNA forbids it"),
        e.getMessage());
    assertTrue(e.getMessage().contains("\"a\\u200Db.example\""), e.getMessage());
  }

  @Test
  void canonicalize_mixedDirectionLabel_isABidiError() {
    assertTrue(
        refused("a\u05D0.example")
            .getMessage()
            .contains("right-to-left and left-to-right text are mixed"));
  }

  @Test
  void canonicalize_icuLengthErrors_mapToTheLengthReasons() {
    assertEquals(RefusalReason.LABEL_TOO_LONG, refused("ü".repeat(60) + ".de").reason());
    String label63 = "a".repeat(63);
    String name255 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(63);
    assertEquals(RefusalReason.TOO_LONG, refused(name255).reason());
  }

  @Test
  void canonicalize_254Octets_isTooLong_253WithTrailingDotIsNot() throws DomainException {
    String label63 = "a".repeat(63);
    String name253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);

    DomainException e = refused(name253 + "b");

    assertEquals(RefusalReason.TOO_LONG, e.reason());
    assertTrue(e.getMessage().endsWith("(too_long: the name is longer than 253 octets)"));
    assertEquals(name253, canonicalizer.canonicalize(name253 + ".").name().value());
  }

  @Test
  void canonicalize_ipLiterals_sayWhy() {
    assertTrue(refused("0X7F.0.0.1").getMessage().contains("0x7f.0.0.1"));
    assertEquals(RefusalReason.IP_LITERAL, refused("http://[::1]:80/").reason());
    assertEquals(RefusalReason.IP_LITERAL, refused("2001:DB8::1").reason());
  }

  @Test
  void canonicalize_otherScheme_namesTheScheme() {
    DomainException e = refused("ftp://evil.example/");

    assertTrue(
        e.getMessage().contains("URL scheme: \"ftp\" (expected: http or https)"), e.getMessage());
  }

  @Test
  void canonicalize_colonThatIsNotAPort_isInvalidName() {
    assertEquals(RefusalReason.INVALID_NAME, refused("example.com:http").reason());
    assertEquals(RefusalReason.INVALID_NAME, refused("mailto:abuse@evil.example").reason());
  }

  @Test
  void canonicalize_ignorablesAreDeletedAndResultIsPlainLdh() throws DomainException {
    Canonical c = canonicalizer.canonicalize("a\u200B\uFEFF\u00ADb.example");

    assertEquals("ab.example", c.name().value());
    assertFalse(c.reducedFromUrl());
  }

  @Test
  void canonicalize_null_throwsNullPointerException() {
    assertThrows(NullPointerException.class, () -> canonicalizer.canonicalize(null));
  }

  @Test
  void domainException_hasNoStackTrace() {
    assertEquals(0, refused("a_b.example").getStackTrace().length);
  }
}
