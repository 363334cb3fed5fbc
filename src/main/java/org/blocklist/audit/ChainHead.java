package org.blocklist.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.blocklist.log.Hash;

/**
 * The last event of the chain: its number (0 before the first event) and {@code h(seq)} ({@code
 * h(0)} is 32 zero bytes). Chaining is pure: {@link #chain} numbers and hashes events after this
 * head without touching the store, so a writer can compute a whole version before it commits it;
 * the store then refuses the commit if its head has moved meanwhile (another process appended).
 */
public record ChainHead(long seq, Hash hash) {
  public static final ChainHead EMPTY = new ChainHead(0, Hash.ZERO);

  public ChainHead {
    if (seq < 0) {
      throw new IllegalArgumentException("seq: " + seq + " (expected: 0 or more)");
    }
    requireNonNull(hash, "hash");
  }

  /** The head after {@code event}. */
  public static ChainHead of(ChainedEvent event) {
    return new ChainHead(event.seq(), event.hash());
  }

  /** The events numbered {@code seq + 1, seq + 2, ...} and chained from this head. */
  public List<ChainedEvent> chain(List<AuditEvent> events) {
    List<ChainedEvent> out = new ArrayList<>(events.size());
    ChainHead head = this;
    for (AuditEvent event : events) {
      long next = head.seq + 1;
      String text = event.text(next);
      ChainedEvent chained = new ChainedEvent(next, text, AuditChain.next(head.hash, text));
      out.add(chained);
      head = of(chained);
    }
    return List.copyOf(out);
  }
}
