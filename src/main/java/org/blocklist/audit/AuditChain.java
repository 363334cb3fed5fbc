package org.blocklist.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.log.Hash;

/** The hash chain over events: {@code h(n) = SHA-256(h(n-1) || bytes(n))}, {@code h(0)} zeros. */
public final class AuditChain {
  private static final List<String> LEADING = List.of("seq", "time", "type", "actor");

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
    String body = eventText.substring(AuditEvent.HEADER.length() + 1, eventText.length() - 1);
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : body.split("\n", -1)) {
      int space = line.indexOf(' ');
      if (space <= 0
          || !AuditEvent.KEY.matcher(line.substring(0, space)).matches()
          || !AuditEvent.VALUE.matcher(line.substring(space + 1)).matches()
          || out.put(line.substring(0, space), line.substring(space + 1)) != null) {
        throw new IllegalArgumentException("bad event line: " + line);
      }
    }
    if (!List.copyOf(out.keySet()).subList(0, Math.min(4, out.size())).equals(LEADING)) {
      throw new IllegalArgumentException("not canonical event text: seq, time, type, actor first");
    }
    return out;
  }
}
