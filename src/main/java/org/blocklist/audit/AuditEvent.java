package org.blocklist.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One audit event before it is numbered. Its canonical bytes (see {@link #text(long)}) are UTF-8
 * text, one {@code key value} per line like a manifest; they never carry an entry name, only counts
 * and digests of names.
 *
 * <pre>
 * blocklist-audit/v1
 * seq 7
 * time 2026-11-22T06:30:00Z
 * type requisition-approved
 * actor magistrate-1
 * requisition 3
 * version 2
 * </pre>
 */
public record AuditEvent(EventType type, Instant time, String actor, Map<String, String> fields) {
  public static final String HEADER = "blocklist-audit/v1";

  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]{1,512}");

  /** Keys every event's text carries before its fields; a field may not take one of them. */
  static final java.util.Set<String> RESERVED = java.util.Set.of("seq", "time", "type", "actor");

  public AuditEvent {
    requireNonNull(type, "type");
    time = requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
    requireNonNull(actor, "actor");
    checkValue("actor", actor);
    fields = new LinkedHashMap<>(fields);
    fields.forEach(
        (k, v) -> {
          if (!KEY.matcher(k).matches()) {
            throw new IllegalArgumentException("event field key: " + k);
          }
          if (RESERVED.contains(k)) {
            throw new IllegalArgumentException(
                "event field key: " + k + " (reserved: seq, time, type and actor come first)");
          }
          checkValue(k, v);
        });
    fields = java.util.Collections.unmodifiableMap(fields);
  }

  public static AuditEvent of(EventType type, Instant time, String actor, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues: odd length " + keyValues.length);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
    }
    return new AuditEvent(type, time, actor, fields);
  }

  /** The canonical text of this event as number {@code seq}. */
  public String text(long seq) {
    StringBuilder b = new StringBuilder(128);
    b.append(HEADER).append('\n');
    b.append("seq ").append(seq).append('\n');
    b.append("time ").append(time).append('\n');
    b.append("type ").append(type.code()).append('\n');
    b.append("actor ").append(actor).append('\n');
    fields.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    return b.toString();
  }

  public byte[] bytes(long seq) {
    return text(seq).getBytes(StandardCharsets.UTF_8);
  }

  private static void checkValue(String key, String value) {
    if (!VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "event field " + key + ": " + value + " (expected: 1 to 512 printable ASCII, no space)");
    }
  }
}
