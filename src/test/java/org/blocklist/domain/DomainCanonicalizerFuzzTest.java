package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Fuzz target for the name canonicaliser (issue 10). In {@code mvn verify} it runs its corpus
 * ({@code src/test/resources/org/blocklist/domain/DomainCanonicalizerFuzzTestInputs}) as regression
 * tests; {@code benchmarks/fuzz/run.sh} fuzzes it. Whatever the input, the answer is a canonical
 * name (DESIGN.md, "Entries") that canonicalises to itself, or a {@link DomainException}: nothing
 * else is thrown.
 */
class DomainCanonicalizerFuzzTest {
  private static final DomainCanonicalizer CANONICALIZER = new DomainCanonicalizer();

  @FuzzTest(maxDuration = "5m")
  void canonicalize_givesACanonicalNameOrARefusal(@NotNull String input) {
    Canonical canonical;
    try {
      canonical = CANONICALIZER.canonicalize(input);
    } catch (DomainException refused) {
      assertTrue(refused.reason() != null, "a refusal names its reason");
      return;
    }
    String name = canonical.name().value();
    assertTrue(name.length() <= DomainName.MAX_LENGTH, name);
    assertTrue(name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?"), name);
    for (String label : name.split("\\.", -1)) {
      assertTrue(
          !label.isEmpty() && label.length() <= DomainName.MAX_LABEL_LENGTH, "label of " + name);
    }
    try {
      assertEquals(name, CANONICALIZER.canonicalize(name).name().value(), "idempotent");
    } catch (DomainException e) {
      throw new AssertionError("the canonical form " + name + " is refused: " + e.getMessage(), e);
    }
  }
}
