package org.blocklist.rpz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * The Jazzer target for the DNS message handler (issue 9), beside the jqwik properties of {@link
 * RpzMessageFuzzTest} and with their oracle: whatever bytes arrive over UDP or TCP are dropped or
 * answered with one well-formed message carrying the query's id, QR set and an RCODE of {@link
 * Failure}'s table; nothing escapes and no buffer leaks. Its corpus ({@code
 * src/test/resources/org/blocklist/rpz/RpzMessageJazzerTestInputs}) runs in {@code mvn verify};
 * {@code benchmarks/fuzz/run.sh} fuzzes it.
 */
class RpzMessageJazzerTest {
  private final RpzMessageFuzzTest handler = new RpzMessageFuzzTest();

  @FuzzTest(maxDuration = "5m")
  void anyMessage_isDroppedOrAnsweredWell(@NotNull byte[] wire) {
    handler.overUdp(wire);
    handler.overTcp(wire);
  }
}
