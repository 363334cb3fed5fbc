package org.blocklist.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {
  @Test
  void code_isTheStableSnakeCaseApiString() {
    assertEquals(
        List.of(
            "empty",
            "invalid_name",
            "ip_literal",
            "too_long",
            "label_too_long",
            "public_suffix",
            "protected",
            "duplicate",
            "input_too_long"),
        Arrays.stream(RefusalReason.values())
            .map(RefusalReason::code)
            .collect(Collectors.toList()));
  }

  @Test
  void describe_isAnEnglishSentenceForEveryReason() {
    for (RefusalReason reason : RefusalReason.values()) {
      String sentence = reason.describe();
      assertTrue(Character.isUpperCase(sentence.charAt(0)), reason + ": " + sentence);
      assertTrue(sentence.endsWith("."), reason + ": " + sentence);
      assertTrue(sentence.length() > 20, reason + ": " + sentence);
    }
  }

  @Test
  void describe_limitsMatchTheConstants() {
    assertTrue(
        RefusalReason.INPUT_TOO_LONG
            .describe()
            .contains(String.valueOf(DomainCanonicalizer.MAX_INPUT_LENGTH)));
    assertTrue(RefusalReason.TOO_LONG.describe().contains(String.valueOf(DomainName.MAX_LENGTH)));
    assertTrue(
        RefusalReason.LABEL_TOO_LONG
            .describe()
            .contains(String.valueOf(DomainName.MAX_LABEL_LENGTH)));
  }
}
