package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of {@code src/test/resources/domain/corpus.tsv} ({@code input<TAB>expected}) through
 * the requisition gate, one input at a time, with the protected list {@code police.be}, {@code
 * google.com}, {@code minfin.fgov.be}.
 */
class RequisitionDomainValidatorCorpusTest {
  private static final String CORPUS = "/domain/corpus.tsv";
  private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

  private static final RequisitionDomainValidator VALIDATOR =
      new RequisitionDomainValidator(
          new DomainCanonicalizer(),
          ProtectedDomains.of(
              List.of(
                  new DomainName("police.be"),
                  new DomainName("google.com"),
                  new DomainName("minfin.fgov.be"))));

  record Line(int number, String input, String expected) {}

  static List<Line> corpus() throws IOException {
    List<Line> lines = new ArrayList<>();
    try (InputStream in = RequisitionDomainValidatorCorpusTest.class.getResourceAsStream(CORPUS);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
          throw new IllegalStateException(CORPUS + ":" + number + ": no TAB in " + line);
        }
        lines.add(new Line(number, decode(line.substring(0, tab)), line.substring(tab + 1)));
      }
    }
    return lines;
  }

  static List<Arguments> lines() throws IOException {
    return corpus().stream()
        .map(l -> Arguments.of(l.number(), InputText.quote(l.input()), l.input(), l.expected()))
        .collect(Collectors.toList());
  }

  /** Decodes {@code \\uXXXX} escapes. */
  static String decode(String s) {
    Matcher m = ESCAPE.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    m.appendTail(b);
    return b.toString();
  }

  @ParameterizedTest(name = "line {0}: {1} -> {3}")
  @MethodSource("lines")
  void validate_corpusLine_hasExactlyTheExpectedOutcome(
      int line, String quoted, String input, String expected) {
    Validation validation = VALIDATOR.validate(List.of(input));

    assertEquals(expected, outcome(validation), "line " + line + ": " + quoted);
  }

  @Test
  void corpus_hasAtLeastSeventyLinesAndCoversEveryOutcomeKind() throws IOException {
    List<Line> lines = corpus();

    assertTrue(lines.size() >= 70, "corpus lines: " + lines.size() + " (expected: >= 70)");
    for (String kind : List.of("ok:", "ok-url:")) {
      assertTrue(lines.stream().anyMatch(l -> l.expected().startsWith(kind)), kind);
    }
    for (RefusalReason reason : RefusalReason.values()) {
      if (reason == RefusalReason.DUPLICATE || reason == RefusalReason.INPUT_TOO_LONG) {
        continue; // need several inputs or 2 KiB of input: RequisitionDomainValidatorTest
      }
      String expected = "refused:" + reason.code();
      assertTrue(lines.stream().anyMatch(l -> l.expected().equals(expected)), expected);
    }
  }

  @Test
  void decode_escapes_becomeCharacters() {
    assertEquals("a\u200Db.example\t", decode("a\\u200Db.example\\u0009"));
    assertEquals("http://a\\@b/", decode("http://a\\@b/"));
  }

  private static String outcome(Validation validation) {
    assertEquals(1, validation.accepted().size() + validation.refused().size(), "one outcome");
    if (!validation.accepted().isEmpty()) {
      Canonical c = validation.accepted().get(0);
      return (c.reducedFromUrl() ? "ok-url:" : "ok:") + c.name().value();
    }
    Refusal r = validation.refused().get(0);
    assertFalse(r.message().isBlank(), "a refusal says why");
    assertFalse(r.message().contains("IDNA ("), "in words, not ICU's names: " + r.message());
    return "refused:" + r.reason().code();
  }
}
