package org.blocklist.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blocklist.log.Hash;

/** The hash chain over events: {@code h(n) = SHA-256(h(n-1) || bytes(n))}, {@code h(0)} zeros. */
public final class AuditChain {
  private AuditChain() {}

  public static Hash next(Hash previous, String eventText) {
    return Hash.sha256(previous.toByteArray(), eventText.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the {@code key value} lines of a stored event text, header excluded. Used by verification
   * to find which version an approval produced.
   *
   * @throws IllegalArgumentException if the text is not canonical event text
   */
  public static Map<String, String> fields(String eventText) {
    if (!eventText.startsWith(AuditEvent.HEADER + "\n") || !eventText.endsWith("\n")) {
      throw new IllegalArgumentException("not canonical event text");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : eventText.substring(AuditEvent.HEADER.length() + 1).split("\n")) {
      int space = line.indexOf(' ');
      if (space <= 0 || out.put(line.substring(0, space), line.substring(space + 1)) != null) {
        throw new IllegalArgumentException("bad event line: " + line);
      }
    }
    return out;
  }
}
