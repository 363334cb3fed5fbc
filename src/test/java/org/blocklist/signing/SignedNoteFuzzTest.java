package org.blocklist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Fuzz target for the C2SP signed-note parser (issue 10): any bytes parse to a note whose encoding
 * parses back to the same note, or are a {@link NoteFormatException}; nothing else is thrown.
 * Corpus: {@code src/test/resources/org/blocklist/signing/SignedNoteFuzzTestInputs}.
 */
class SignedNoteFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void parse_roundTripsOrRefuses(@NotNull byte[] note) {
    SignedNote parsed;
    try {
      parsed = SignedNote.parse(note);
    } catch (NoteFormatException refused) {
      return;
    }
    try {
      assertEquals(parsed, SignedNote.parse(parsed.encode()));
    } catch (NoteFormatException e) {
      throw new AssertionError("the encoding of a parsed note is refused: " + e.getMessage(), e);
    }
  }
}
