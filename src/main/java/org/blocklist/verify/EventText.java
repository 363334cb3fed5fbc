package org.blocklist.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canonical text of an audit event (DESIGN.md, "Audit events"; README, "Formats"), read
 * strictly: the line {@code blocklist-audit/v1}, then {@code key value} lines, each ending in
 * {@code \n}, the first four {@code seq}, {@code time}, {@code type}, {@code actor}, no key twice.
 * Written from the contract, not from the server's code.
 */
record EventText(Map<String, String> fields) {
  static final String HEADER = "blocklist-audit/v1";

  /** Longest event text read. */
  static final int MAX_LENGTH = 16 * 1024;

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]{1,512}");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final List<String> LEADING = List.of("seq", "time", "type", "actor");

  EventText {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Parses {@code text}; the message of a failure says which line is wrong. */
  static EventText parse(String text) throws IllegalArgumentException {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          text.length() + " characters (expected: at most " + MAX_LENGTH + ")");
    }
    if (!text.startsWith(HEADER + "\n") || !text.endsWith("\n")) {
      throw new IllegalArgumentException(
          "not canonical event text (expected: \"" + HEADER + "\" then key value lines)");
    }
    String body = text.substring(HEADER.length() + 1, text.length() - 1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : body.split("\n", -1)) {
      int space = line.indexOf(' ');
      if (space <= 0
          || !KEY.matcher(line.substring(0, space)).matches()
          || !VALUE.matcher(line.substring(space + 1)).matches()) {
        throw new IllegalArgumentException(
            "line " + Replay.quote(line) + " (expected: key value, printable ASCII)");
      }
      if (fields.put(line.substring(0, space), line.substring(space + 1)) != null) {
        throw new IllegalArgumentException("key " + line.substring(0, space) + " given twice");
      }
    }
    if (fields.size() < LEADING.size()
        || !List.copyOf(fields.keySet()).subList(0, LEADING.size()).equals(LEADING)) {
      throw new IllegalArgumentException("the first keys are not seq, time, type, actor");
    }
    return new EventText(fields);
  }

  String type() {
    return fields.get("type");
  }

  /** The decimal field {@code key}. */
  long number(String key) throws IllegalArgumentException {
    String v = fields.get(key);
    if (v == null || !DECIMAL.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "field " + key + ": " + (v == null ? "missing" : v) + " (expected: a decimal)");
    }
    return Long.parseLong(v);
  }

  /** The field {@code key}, which must be there. */
  String text(String key) throws IllegalArgumentException {
    String v = fields.get(key);
    if (v == null) {
      throw new IllegalArgumentException("field " + key + ": missing");
    }
    return v;
  }
}
