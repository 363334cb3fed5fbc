package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

/**
 * One audit event as a source serves it: its number, its canonical text and the chain hash {@code
 * h(seq)} the server gives for it (hex).
 */
record ServedEvent(long seq, String text, String hash) {
  ServedEvent {
    requireNonNull(text, "text");
    requireNonNull(hash, "hash");
  }
}
