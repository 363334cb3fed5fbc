package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.blocklist.feed.FeedException;
import org.blocklist.log.TreeHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delta as read off the wire: types, order, bounds, each refusal with its message. */
class DeltaParserTest {
  private static final String HASH = TreeHashes.EMPTY_ROOT.base64();
  static final String GOLDEN =
      "{\"from\":1,\"to\":2,\"added\":[\"a.example\",\"b.example\"],\"removed\":[\"c.example\"],"
          + "\"manifest\":\"m\",\"checkpoint\":\"c\",\"inclusion\":[\""
          + HASH
          + "\"],\"consistency\":[]}";

  @Test
  void parse_theContractsShape() throws Exception {
    DeltaMessage d = parse(GOLDEN);
    assertEquals(1, d.from());
    assertEquals(2, d.to());
    assertEquals(List.of("a.example", "b.example"), d.added());
    assertEquals(List.of("c.example"), d.removed());
    assertEquals("m", d.manifest());
    assertEquals(List.of(TreeHashes.EMPTY_ROOT), d.inclusion());
    assertEquals(List.of(), d.consistency());
  }

  @Test
  void parse_unknownFields_areSkipped() throws Exception {
    assertEquals(2, parse(GOLDEN.replace("{\"from\"", "{\"next\":{\"a\":[1,2]},\"from\"")).to());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"from\":1|\"from\":\"1\"|delta: from: VALUE_STRING (expected: an integer 0..",
        "\"from\":1|\"from\":1.0|delta: from: VALUE_NUMBER_FLOAT (expected: an integer",
        "\"from\":1|\"from\":-1|delta: from: -1 (expected: an integer",
        "\"from\":1|\"from\":99999999999999999999|delta: not JSON",
        "\"to\":2,|\"to\":2,\"to\":3,|delta: to: given twice",
        "\"to\":2,||delta: to: missing",
        "\"a.example\",\"b.example\"|\"b.example\",\"a.example\"|delta: added[1]: not after added[0] (expected: sorted, unique)",
        "\"a.example\",\"b.example\"|\"a.example\",\"a.example\"|delta: added[1]: not after added[0]",
        "\"a.example\",\"b.example\"|\"a.example\",\"B.example\"|delta: added[1]: not a canonical name",
        "\"a.example\",\"b.example\"|\"a.example\",\"b.example.\"|delta: added[1]: not a canonical name",
        "\"a.example\",\"b.example\"|\"a.example\",null|delta: added[1]: VALUE_NULL (expected: a string)",
        "\"removed\":[\"c.example\"]|\"removed\":\"c.example\"|delta: removed: VALUE_STRING (expected: an array)",
        "\"manifest\":\"m\"|\"manifest\":[]|delta: manifest: START_ARRAY (expected: a string)",
        "\"consistency\":[]|\"consistency\":[\"AAAA\"]|delta: consistency[0]: \"AAAA\" (expected: padded base64 of 32 bytes)",
        "\"consistency\":[]|\"consistency\":[1]|delta: consistency[0]: expected the base64 of a 32-byte hash",
      })
  void parse_refuses_whatTheContractDoesNotSay(String from, String to, String message) {
    FeedException e =
        assertThrows(FeedException.class, () -> parse(GOLDEN.replace(from, to == null ? "" : to)));
    assertEquals(FeedException.Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_refusesContentAfterTheObject_andNonObjects() {
    assertTrue(
        assertThrows(FeedException.class, () -> parse(GOLDEN + "{}"))
            .getMessage()
            .startsWith("delta: "));
    assertEquals(
        "delta: expected a JSON object",
        assertThrows(FeedException.class, () -> parse("[]")).getMessage());
  }

  @Test
  void parse_tooManyNames_isTooLarge() {
    FeedException e =
        assertThrows(
            FeedException.class,
            () -> DeltaParser.parse(GOLDEN.getBytes(StandardCharsets.UTF_8), 2));
    assertEquals(FeedException.Reason.TOO_LARGE, e.reason());
    assertEquals("delta: more than 2 names in added and removed (limit)", e.getMessage());
  }

  @Test
  void parse_tooManyProofHashes_isRefused() {
    String many = ("\"" + HASH + "\",").repeat(65);
    FeedException e =
        assertThrows(
            FeedException.class,
            () ->
                parse(
                    GOLDEN.replace(
                        "\"consistency\":[]",
                        "\"consistency\":[" + many.substring(0, many.length() - 1) + "]")));
    assertEquals("delta: consistency: more than 64 hashes", e.getMessage());
  }

  @Property(tries = 1000)
  void parse_mutatedGolden_acceptsOrRefusesWithAFeedException(@ForAll("mutations") String text) {
    try {
      parse(text);
    } catch (FeedException expected) {
      // refused with the agent's own exception: nothing else may escape
    }
  }

  @Provide
  Arbitrary<String> mutations() {
    return Arbitraries.integers()
        .between(0, GOLDEN.length() - 1)
        .flatMap(
            at ->
                Arbitraries.chars()
                    .ascii()
                    .map(c -> GOLDEN.substring(0, at) + c + GOLDEN.substring(at + 1)));
  }

  private static DeltaMessage parse(String json) throws FeedException {
    return DeltaParser.parse(json.getBytes(StandardCharsets.UTF_8), 100);
  }
}
