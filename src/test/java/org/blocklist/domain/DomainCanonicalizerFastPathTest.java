package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The ASCII fast path gives exactly what the ICU path gives, or steps aside. */
class DomainCanonicalizerFastPathTest {
  private final DomainCanonicalizer canonicalizer = new DomainCanonicalizer();

  @Property(tries = 3000)
  void fastPath_agreesWithIcu(@ForAll("asciiNames") String input) {
    DomainName fast = DomainCanonicalizer.plainAscii(input);
    if (fast == null) {
      return;
    }
    DomainName slow;
    try {
      slow = canonicalizer.canonicalizeWithIcu(input).name();
    } catch (DomainException e) {
      throw new AssertionError(
          "fast path accepted " + input + " but ICU refuses: " + e.getMessage());
    }
    assertEquals(slow, fast, input);
  }

  @Provide
  Arbitrary<String> asciiNames() {
    Arbitrary<String> label =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("abcXYZ019-").ofMinLength(0).ofMaxLength(8),
            Arbitraries.strings().withChars("ab-").ofMinLength(60).ofMaxLength(66),
            Arbitraries.of(
                "xn--fa-hia", "xn--zz", "ab--cd", "0x1f", "123", "-a", "a-", "A", "www"));
    return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of("", "."))
        .as((labels, end) -> String.join(".", labels) + end);
  }

  @Test
  void fastPath_stepsAside_forWhatOnlyIcuCanJudge() {
    assertNull(DomainCanonicalizer.plainAscii("xn--fa-hia.de"));
    assertNull(DomainCanonicalizer.plainAscii("ab--cd.example"));
    assertNull(DomainCanonicalizer.plainAscii("example.com."));
    assertNull(DomainCanonicalizer.plainAscii("1.2.3.4"));
    assertNull(DomainCanonicalizer.plainAscii("a_b.example"));
    assertNull(DomainCanonicalizer.plainAscii("faß.de"));
    assertNull(DomainCanonicalizer.plainAscii("-lead.example"));
    assertEquals("www.example.com", DomainCanonicalizer.plainAscii("WWW.Example.COM").value());
  }
}
