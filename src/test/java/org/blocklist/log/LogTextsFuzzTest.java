package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Fuzz targets for the checkpoint body and manifest parsers (issue 10), beside the jqwik properties
 * of {@link ParserFuzzTest}: the manifest parser accepts exactly the text it would write, the
 * checkpoint parser that text followed by extension lines; both refuse the rest with their own
 * exception; nothing else is thrown. Corpus: {@code
 * src/test/resources/org/blocklist/log/LogTextsFuzzTestInputs}.
 */
class LogTextsFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void checkpointBody_isExactlyWhatItWritesOrRefused(@NotNull String body) {
    try {
      // Extension lines (C2SP tlog-checkpoint) are accepted and not written back: the body written
      // is the input up to the root line.
      String written = Checkpoint.parseBody(body).body();
      assertTrue(body.startsWith(written), body);
    } catch (CheckpointFormatException refused) {
      // refused with a message: the expected outcome for almost every input
    }
  }

  @FuzzTest(maxDuration = "5m")
  void manifest_isExactlyWhatItWritesOrRefused(@NotNull String text) {
    try {
      assertEquals(text, Manifest.parse(text).text());
    } catch (ManifestFormatException refused) {
      // as above
    }
  }
}
