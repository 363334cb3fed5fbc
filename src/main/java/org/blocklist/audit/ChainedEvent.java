package org.blocklist.audit;

import static java.util.Objects.requireNonNull;

import org.blocklist.log.Hash;

/** An event with its place in the chain: number, canonical text and chain hash {@code h(seq)}. */
public record ChainedEvent(long seq, String text, Hash hash) {
  public ChainedEvent {
    if (seq < 1) {
      throw new IllegalArgumentException("seq: " + seq + " (expected: 1 or more)");
    }
    requireNonNull(text, "text");
    requireNonNull(hash, "hash");
  }
}
