package org.blocklist.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.blocklist.domain.DomainName;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.feed.Trust;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;

/**
 * Reads a {@code /v1/delta} answer with Jackson's streaming parser, so a million names become a
 * list of strings and never a tree: one JSON object with each field of the contract exactly once
 * and of its exact type (integers for versions, arrays of strings for names and proofs, strings for
 * the manifest and the checkpoint), names canonical and strictly sorted, every length bounded.
 * Fields the contract does not name are skipped, so a server that adds one does not stop every
 * agent. Messages name the field and index, never an entry name (the list is confidential).
 */
final class DeltaParser {
  /** A proof path of a tree of at most 2^63 leaves has at most 63 hashes, plus a seed. */
  static final int MAX_PROOF_HASHES = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(4)
                  .maxStringLength(Trust.MAX_NOTE_BYTES)
                  .maxNumberLength(19)
                  .build())
          .build();

  private final int maxNames;
  private int names;

  private DeltaParser(int maxNames) {
    this.maxNames = maxNames;
  }

  /** Parses {@code body}; anything not as the contract says is {@code MALFORMED}. */
  static DeltaMessage parse(byte[] body, int maxNames) throws FeedException {
    try (JsonParser p = FACTORY.createParser(body)) {
      return new DeltaParser(maxNames).object(p);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw malformed(
          "not JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("unreadable: " + e.getMessage());
    }
  }

  private DeltaMessage object(JsonParser p) throws IOException, FeedException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw malformed("expected a JSON object");
    }
    Long from = null;
    Long to = null;
    List<String> added = null;
    List<String> removed = null;
    String manifest = null;
    String checkpoint = null;
    List<Hash> inclusion = null;
    List<Hash> consistency = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "from" -> from = once(from, field, version(p, field));
        case "to" -> to = once(to, field, version(p, field));
        case "added" -> added = once(added, field, names(p, field));
        case "removed" -> removed = once(removed, field, names(p, field));
        case "manifest" -> manifest = once(manifest, field, text(p, field, Manifest.MAX_LENGTH));
        case "checkpoint" ->
            checkpoint = once(checkpoint, field, text(p, field, Trust.MAX_NOTE_BYTES));
        case "inclusion" -> inclusion = once(inclusion, field, hashes(p, field));
        case "consistency" -> consistency = once(consistency, field, hashes(p, field));
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw malformed("content after the JSON object");
    }
    return new DeltaMessage(
        required(from, "from"),
        required(to, "to"),
        required(added, "added"),
        required(removed, "removed"),
        required(manifest, "manifest"),
        required(checkpoint, "checkpoint"),
        required(inclusion, "inclusion"),
        required(consistency, "consistency"));
  }

  private static long version(JsonParser p, String field) throws IOException, FeedException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw malformed(
          field + ": " + p.currentToken() + " (expected: an integer 0.." + Long.MAX_VALUE + ")");
    }
    long v = p.getLongValue();
    if (v < 0) {
      throw malformed(field + ": " + v + " (expected: an integer 0.." + Long.MAX_VALUE + ")");
    }
    return v;
  }

  private static String text(JsonParser p, String field, int max)
      throws IOException, FeedException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed(field + ": " + p.currentToken() + " (expected: a string)");
    }
    String s = p.getText();
    if (s.length() > max) {
      throw malformed(field + ": " + s.length() + " characters (expected: at most " + max + ")");
    }
    return s;
  }

  private List<String> names(JsonParser p, String field) throws IOException, FeedException {
    startArray(p, field);
    List<String> out = new ArrayList<>();
    String previous = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int index = out.size();
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw malformed(field + "[" + index + "]: " + p.currentToken() + " (expected: a string)");
      }
      if (++names > maxNames) {
        throw new FeedException(
            Reason.TOO_LARGE,
            "delta: more than " + maxNames + " names in added and removed (limit)");
      }
      if (p.getTextLength() > DomainName.MAX_LENGTH) {
        throw malformed(
            field
                + "["
                + index
                + "]: "
                + p.getTextLength()
                + " characters (expected: a canonical name of at most "
                + DomainName.MAX_LENGTH
                + ")");
      }
      String name = p.getText();
      try {
        new DomainName(name);
      } catch (IllegalArgumentException e) {
        throw malformed(field + "[" + index + "]: not a canonical name");
      }
      if (previous != null && previous.compareTo(name) >= 0) {
        throw malformed(
            field
                + "["
                + index
                + "]: not after "
                + field
                + "["
                + (index - 1)
                + "] (expected: sorted, unique)");
      }
      out.add(name);
      previous = name;
    }
    return out;
  }

  private static List<Hash> hashes(JsonParser p, String field) throws IOException, FeedException {
    startArray(p, field);
    List<Hash> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int index = out.size();
      if (index == MAX_PROOF_HASHES) {
        throw malformed(field + ": more than " + MAX_PROOF_HASHES + " hashes");
      }
      if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() > 64) {
        throw malformed(field + "[" + index + "]: expected the base64 of a 32-byte hash");
      }
      String text = p.getText();
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        bytes = null;
      }
      if (bytes == null
          || bytes.length != Hash.LENGTH
          || !Base64.getEncoder().encodeToString(bytes).equals(text)) {
        throw malformed(
            field + "[" + index + "]: \"" + text + "\" (expected: padded base64 of 32 bytes)");
      }
      out.add(Hash.of(bytes));
    }
    return out;
  }

  private static void startArray(JsonParser p, String field) throws FeedException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw malformed(field + ": " + p.currentToken() + " (expected: an array)");
    }
  }

  private static <T> T once(T previous, String field, T value) throws FeedException {
    if (previous != null) {
      throw malformed(field + ": given twice");
    }
    return value;
  }

  private static <T> T required(T value, String field) throws FeedException {
    if (value == null) {
      throw malformed(field + ": missing");
    }
    return value;
  }

  private static FeedException malformed(String what) {
    return new FeedException(Reason.MALFORMED, "delta: " + what);
  }
}
