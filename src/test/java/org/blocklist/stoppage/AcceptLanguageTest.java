package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptLanguageTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nl | nl",
        "fr | fr",
        "de | de",
        "en | en",
        "fr-BE;q=0.9, nl;q=0.8, *;q=0.1 | fr",
        "nl-BE,nl;q=0.9,fr;q=0.8,en;q=0.7 | nl",
        "en-GB,en;q=0.9,de;q=0.95 | en",
        "en;q=0.5, de;q=0.9 | de",
        "de-CH-1901 | de",
        "FR-be | fr",
        "ja, zh;q=0.9 | en",
        "* | en",
        "ja, *;q=0.1 | en",
        "en;q=0, * | nl",
        "en;q=0, nl;q=0, * | fr",
        "*;q=0.5, de;q=0.2 | en",
        "de;q=0.2, *;q=0.5 | en",
        "fr;q=0.5, de;q=0.5 | fr",
        "de;q=0.5, fr;q=0.5 | de",
        "fr;q=0, fr-BE;q=0.4 | fr",
        "nl;q=0, en;q=0, fr;q=0, de;q=0 | en",
        "nl;q=0.001 | nl",
        "fr ; q=0.8 , nl ; q=0.7 | fr",
        "fr;Q=0.8, nl;q=0.7 | fr",
        "fr;q=1.000, nl | fr",
        "fr;q=2, nl;q=0.1 | nl",
        "fr;q=1.5, nl;q=0.1 | nl",
        "fr;q=0.1234, nl;q=0.1 | nl",
        "fr;q=, nl;q=0.1 | nl",
        "fr;q=abc, nl;q=0.1 | nl",
        "f1, nl;q=0.1 | nl",
        "toolongtag-x, nl;q=0.1 | nl",
        "fr-, nl;q=0.1 | nl",
        "'' | en",
        ",,, | en",
        "';;;' | en",
      })
  void choose_header_picksTheBestSupportedPrimaryTag(String header, String expected) {
    assertEquals(expected, AcceptLanguage.choose(header).tag());
  }

  @Test
  void choose_absent_isEnglish() {
    assertEquals(Language.EN, AcceptLanguage.choose(null));
  }

  @Test
  void choose_beyondTheLengthLimit_ignoresTheRest() {
    String padding = "xx;q=0.9, ".repeat(AcceptLanguage.MAX_LENGTH / 10);
    assertEquals(Language.NL, AcceptLanguage.choose("nl;q=0.5, " + padding + "fr"));
    assertEquals(
        Language.EN, AcceptLanguage.choose("x".repeat(AcceptLanguage.MAX_LENGTH + 1) + ", de"));
  }

  @Property(tries = 500)
  void choose_anyText_neverFails(@ForAll String header) {
    AcceptLanguage.choose(header);
  }
}
