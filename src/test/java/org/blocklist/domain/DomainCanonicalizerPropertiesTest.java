package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link DomainCanonicalizer} over arbitrary Unicode strings and over generated
 * plausible (and hostile) domain strings: whatever it accepts is canonical and a fixed point, and
 * it fails only with {@link DomainException}.
 */
class DomainCanonicalizerPropertiesTest {
  private static final Pattern LDH = Pattern.compile("^[a-z0-9-]+(\\.[a-z0-9-]+)*$");

  private static final List<String> FRAGMENTS =
      List.of(
          "a",
          "b",
          "x",
          "z",
          "A",
          "Z",
          "0",
          "1",
          "9",
          "-",
          "--",
          "_",
          "*",
          " ",
          "\t",
          ".",
          "..",
          ":",
          "/",
          "@",
          "[",
          "]",
          "%",
          "\\",
          "?",
          "#",
          "xn--",
          "xn--fa-hia",
          "0x",
          "0X7F",
          "ß",
          "ς",
          "σ",
          "Σ",
          "ü",
          "\u0301",
          "\u200D",
          "\u200C",
          "\u200B",
          "\uFEFF",
          "\u00AD",
          "\u00A0",
          "\u05D0",
          "\u05D1",
          "\u0628",
          "\u0660",
          "\u06F0",
          "\u0430",
          "\u0406",
          "\uFF41",
          "\uFF11",
          "\uFF0E",
          "\u3002",
          "\uFF61",
          "\u0915",
          "\u094D",
          "\u202E",
          "\u2028",
          "\uD83D\uDCA9",
          "\uD800",
          "\u0000",
          "\u007F");

  private static final List<String> PREFIXES =
      List.of(
          "",
          "",
          "",
          "",
          "http://",
          "HTTPS://",
          "ftp://",
          "user:pw@",
          "http://user@",
          "[",
          "//",
          " ",
          "\u3000");

  private static final List<String> SUFFIXES =
      List.of("", "", "", "", ".", "..", ":8080", ":99999", "/path?q#f", "]", "]:80", " \n");

  private final DomainCanonicalizer canonicalizer = new DomainCanonicalizer();

  @Property(tries = 1000)
  void canonicalize_anyUnicodeString_acceptsOnlyCanonicalFixedPoints(
      @ForAll("unicode") String input) {
    checkCanonicalize(input);
  }

  @Property(tries = 1000)
  void canonicalize_plausibleDomainString_acceptsOnlyCanonicalFixedPoints(
      @ForAll("plausible") String input) {
    Statistics.label("outcome").collect(checkCanonicalize(input));
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("ok").percentage(p -> p >= 5);
              c.check("invalid_name").percentage(p -> p >= 10);
              c.check("ip_literal").count(n -> n >= 1);
            });
  }

  @Property(tries = 200)
  void canonicalize_longLdhString_respectsEveryLengthLimit(@ForAll("longLdh") String input) {
    Statistics.label("outcome").collect(checkCanonicalize(input));
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("ok").count(n -> n >= 1);
              c.check("label_too_long").count(n -> n >= 1);
              c.check("too_long").count(n -> n >= 1);
            });
  }

  @Property(tries = 300)
  void validate_listOfPlausibleStrings_neverThrowsAndAccountsForEveryInput(
      @ForAll("plausibleLists") List<String> inputs) {
    RequisitionDomainValidator validator =
        new RequisitionDomainValidator(
            canonicalizer, ProtectedDomains.of(List.of(new DomainName("a.b"))));

    Validation validation = validator.validate(inputs);

    assertEquals(inputs.size(), validation.accepted().size() + validation.refused().size());
    assertEquals(
        validation.accepted().size(),
        validation.accepted().stream().map(Canonical::name).distinct().count(),
        "accepted names are distinct");
  }

  /**
   * (a) canonical output, (b) idempotence, (c) nothing but DomainException escapes. Returns "ok" or
   * the refusal code.
   */
  private String checkCanonicalize(String input) {
    Canonical canonical;
    try {
      canonical = canonicalizer.canonicalize(input);
    } catch (DomainException e) {
      assertEquals(input, e.input());
      assertTrue(e.getMessage().contains(e.reason().code()), e.getMessage());
      return e.reason().code();
    }
    String value = canonical.name().value();
    assertTrue(LDH.matcher(value).matches(), value);
    assertTrue(value.getBytes(StandardCharsets.US_ASCII).length <= 253, value);
    for (String label : value.split("\\.", -1)) {
      assertTrue(label.length() >= 1 && label.length() <= 63, value);
    }

    Canonical again;
    try {
      again = canonicalizer.canonicalize(value);
    } catch (DomainException e) {
      throw new AssertionError("output of " + InputText.quote(input) + " refused: " + e, e);
    }
    assertEquals(canonical.name(), again.name());
    assertFalse(again.reducedFromUrl());
    return "ok";
  }

  @Provide
  Arbitrary<String> unicode() {
    return Arbitraries.strings().all().ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> plausible() {
    Arbitrary<String> fragmentLabel =
        Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
    Arbitrary<String> ldhLabel =
        Arbitraries.strings().withChars("abcxyz0189-").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> label = Arbitraries.oneOf(fragmentLabel, ldhLabel, ldhLabel);
    Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
    return Combinators.combine(Arbitraries.of(PREFIXES), host, Arbitraries.of(SUFFIXES))
        .as((p, h, s) -> p + h + s);
  }

  @Provide
  Arbitrary<String> longLdh() {
    Arbitrary<String> shortLabel = Arbitraries.strings().withChars("abz9").ofMaxLength(10);
    Arbitrary<String> longLabel =
        Arbitraries.strings().withChars("abz9").ofMinLength(57).ofMaxLength(62);
    Arbitrary<String> label =
        Arbitraries.frequencyOf(Tuple.of(1, shortLabel), Tuple.of(3, longLabel))
            .map(l -> "x" + l + "-y".substring(l.length() % 2));
    return label.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join(".", l));
  }

  @Provide
  Arbitrary<List<String>> plausibleLists() {
    return Arbitraries.oneOf(plausible(), Arbitraries.of("a.b", "x.a.b", "b", "e.example"))
        .list()
        .ofMaxSize(20);
  }
}
