package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One audit event as a source serves it: its number, its canonical text and the chain hash {@code
 * h(seq)} the server gives for it (hex).
 */
record ServedEvent(long seq, String text, String hash) {
  ServedEvent {
    requireNonNull(text, "text");
    requireNonNull(hash, "hash");
  }

  /** What an item of {@code /v1/audit/events} must look like, for messages. */
  static final String SHAPE = "{\"seq\":K,\"event\":\"<text>\",\"hash\":\"<hex>\"}";

  /** The event of one served item, or empty if the item is not {@link #SHAPE}. */
  static Optional<ServedEvent> of(JsonNode item) {
    JsonNode seq = item.get("seq");
    JsonNode event = item.get("event");
    JsonNode hash = item.get("hash");
    if (seq == null
        || !seq.canConvertToExactIntegral()
        || !seq.canConvertToLong()
        || event == null
        || !event.isTextual()
        || hash == null
        || !hash.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new ServedEvent(seq.asLong(), event.asText(), hash.asText()));
  }
}
