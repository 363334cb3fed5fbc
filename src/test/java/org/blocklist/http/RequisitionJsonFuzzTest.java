package org.blocklist.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target for the requisition body (issue 10): any bytes give a {@code SubmitBody} or a {@code
 * 400 invalid_request} whose message names no library internals (issue 14, point 8); nothing else
 * is thrown. Corpus: {@code src/test/resources/org/blocklist/http/RequisitionJsonFuzzTestInputs}.
 */
class RequisitionJsonFuzzTest {
  /** A JSON string in the input, as written (escapes not decoded). */
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @FuzzTest(maxDuration = "5m")
  void submitBody_isReadOrRefusedWithAPlainMessage(@NotNull byte[] body) {
    try {
      Json.read(body, RequisitionRoutes.SubmitBody.class);
    } catch (ApiException refused) {
      assertEquals(400, refused.status().code(), refused.getMessage());
      assertEquals("invalid_request", refused.code(), refused.getMessage());
      String message = refused.getMessage();
      // Field names from the input are echoed (quoted unless plain identifiers): what the service
      // itself says is the message without them and without the quoted echoes.
      String own = message.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
      Matcher strings = STRING.matcher(new String(body, StandardCharsets.UTF_8));
      while (strings.find()) {
        if (!strings.group(1).isEmpty()) {
          own = own.replace(strings.group(1), "");
        }
      }
      own = own.toLowerCase(Locale.ROOT);
      for (String internal :
          new String[] {"jackson", "com.fasterxml", "org.blocklist", "exception"}) {
        assertFalse(own.contains(internal), message);
      }
      assertTrue(message.length() <= 400, "a bounded message: " + message);
      assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
    }
  }
}
