package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.List;
import org.blocklist.feed.FeedException;

/**
 * Fuzz target for the sync agent's reading of {@code /v1/delta} (issue 10): any body, however
 * hostile the server or the network, gives a delta of the contract's shape or a {@link
 * FeedException}; nothing else is thrown. An accepted delta has its names strictly sorted
 * (DESIGN.md: "added and removed sorted") and proofs no longer than a tree of 2^63 leaves needs.
 * Corpus: {@code src/test/resources/org/blocklist/sync/DeltaParserFuzzTestInputs}.
 */
class DeltaParserFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void parse_givesTheContractsShapeOrAFeedException(@NotNull byte[] body) {
    DeltaMessage d;
    try {
      d = DeltaParser.parse(body, 1_000);
    } catch (FeedException refused) {
      return; // the expected outcome for most inputs
    }
    assertStrictlySorted(d.added());
    assertStrictlySorted(d.removed());
    assertTrue(d.added().size() + d.removed().size() <= 1_000, "names over the limit accepted");
    assertTrue(d.inclusion().size() <= 64 && d.consistency().size() <= 64, "proof too long");
  }

  private static void assertStrictlySorted(List<String> names) {
    for (int i = 1; i < names.size(); i++) {
      assertTrue(names.get(i - 1).compareTo(names.get(i)) < 0, "names not strictly sorted");
    }
  }
}
