package org.blocklist.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One version's changes as served: {@code {"version":n,"added":[...],"removed":[...]}}, read with a
 * streaming parser (a version may change a million names). Other keys are ignored; these three must
 * each be there once with the right type. Whether the names are sorted, canonical and apply to the
 * list is {@link Replay}'s to check.
 */
record Changes(long version, List<String> added, List<String> removed) {
  private static final JsonFactory JSON = new JsonFactory();

  Changes {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** Parses {@code body}, served as the changes of version {@code version}. */
  static Changes parse(long version, byte[] body) throws VerificationException {
    String subject = VerificationException.version(version) + ": changes";
    Long served = null;
    List<String> added = null;
    List<String> removed = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(subject, "not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        switch (key) {
          case "version" -> {
            if (served != null || value != JsonToken.VALUE_NUMBER_INT) {
              throw malformed(subject, "\"version\" is not one integer");
            }
            served = p.getLongValue();
          }
          case "added" -> {
            if (added != null) {
              throw malformed(subject, "\"added\" given twice");
            }
            added = names(p, value, subject, "added");
          }
          case "removed" -> {
            if (removed != null) {
              throw malformed(subject, "\"removed\" given twice");
            }
            removed = names(p, value, subject, "removed");
          }
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw malformed(subject, "not one JSON object");
      }
    } catch (IOException e) {
      throw malformed(subject, "not JSON: " + firstLine(e.getMessage()));
    }
    if (served == null || added == null || removed == null) {
      throw malformed(subject, "\"version\", \"added\" and \"removed\" are required");
    }
    if (served != version) {
      throw VerificationException.mismatch(
          subject, "version", version, "the version asked for", served, "the served changes");
    }
    return new Changes(version, added, removed);
  }

  private static List<String> names(JsonParser p, JsonToken start, String subject, String key)
      throws IOException, VerificationException {
    if (start != JsonToken.START_ARRAY) {
      throw malformed(subject, "\"" + key + "\" is not an array");
    }
    List<String> names = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw malformed(subject, "\"" + key + "\" holds something other than strings");
      }
      names.add(p.getText());
    }
    return names;
  }

  private static VerificationException malformed(String subject, String what) {
    return new VerificationException(
        subject + ": " + what + " (expected: {\"version\":n,\"added\":[...],\"removed\":[...]})");
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
