package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the parsers of untrusted text: {@link Manifest#parse} and {@link Checkpoint#parseBody}
 * either refuse with their own exception, or accept exactly what they would write again.
 */
class ParserFuzzTest {
  private static final String CHECKPOINT =
      "blocklist.example/log\n42\n" + TreeHashes.EMPTY_ROOT.base64() + "\n";

  @Property(tries = 1000)
  void manifestParse_mutatedGolden_rejectsOrRoundTrips(@ForAll("manifestMutations") String text) {
    try {
      Manifest parsed = Manifest.parse(text);
      assertEquals(text, parsed.text());
    } catch (ManifestFormatException e) {
      assertTrue(
          e.getMessage().startsWith("line ") || e.getMessage().startsWith("manifest length"),
          e.getMessage());
    }
  }

  @Property(tries = 500)
  void manifestParse_anyString_rejectsOrRoundTrips(@ForAll String text) {
    try {
      assertEquals(text, Manifest.parse(text).text());
    } catch (ManifestFormatException expected) {
      // Refused with the parser's own exception: nothing else may escape.
    }
  }

  @Property(tries = 1000)
  void checkpointParse_mutatedBody_rejectsOrRoundTrips(@ForAll("checkpointMutations") String body) {
    try {
      Checkpoint parsed = Checkpoint.parseBody(body);
      String written = parsed.body();
      // Extension lines are accepted and dropped; the three lines must come back as they were.
      assertEquals(written, body.substring(0, written.length()));
    } catch (CheckpointFormatException expected) {
      // Refused with the parser's own exception.
    }
  }

  @Provide
  Arbitrary<String> manifestMutations() {
    return mutations(ManifestTest.GOLDEN);
  }

  @Provide
  Arbitrary<String> checkpointMutations() {
    return mutations(CHECKPOINT);
  }

  private static Arbitrary<String> mutations(String seed) {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.of('\n', '\r', ' ', '+', '0', '-', 'A', 'f', '=', '\u2014', '\u0000'),
            Arbitraries.chars().ascii(),
            Arbitraries.chars());
    Arbitrary<Integer> position = Arbitraries.integers().between(0, seed.length());
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
    return Arbitraries.integers()
        .between(1, 3)
        .flatMap(
            n ->
                Combinators.combine(
                        kind.list().ofSize(n), position.list().ofSize(n), chars.list().ofSize(n))
                    .as(
                        (ks, ps, cs) -> {
                          String text = seed;
                          for (int i = 0; i < n; i++) {
                            text =
                                mutate(
                                    text, ks.get(i), Math.min(ps.get(i), text.length()), cs.get(i));
                          }
                          return text;
                        }));
  }

  private static String mutate(String text, int kind, int position, char c) {
    switch (kind) {
      case 0: // insert
        return text.substring(0, position) + c + text.substring(position);
      case 1: // delete
        return position == text.length()
            ? text
            : text.substring(0, position) + text.substring(position + 1);
      default: // replace
        return position == text.length()
            ? text + c
            : text.substring(0, position) + c + text.substring(position + 1);
    }
  }
}
