package org.blocklist.ledger;

import org.blocklist.audit.ChainHead;

/**
 * Reads the chain head, computes a write from it and commits; when another process appended to the
 * chain between the read and the commit ({@link ChainMovedException}, nothing written), computes
 * again from the new head, at most {@link #MAX_ATTEMPTS} times.
 */
final class ChainedWrite {
  /** Attempts before giving up; only a command line adding principals in a loop moves the chain. */
  static final int MAX_ATTEMPTS = 5;

  private ChainedWrite() {}

  /** One attempt: compute from {@code head}, then commit. */
  @FunctionalInterface
  interface Attempt<T, E extends Exception> {
    T run(ChainHead head) throws StoreException, ChainMovedException, E;
  }

  /** A write of {@code events}, chained from the head, that returns nothing. */
  @FunctionalInterface
  interface Write {
    void commit(java.util.List<org.blocklist.audit.ChainedEvent> events)
        throws StoreException, ChainMovedException;
  }

  /** Chains {@code events} from the stored head and commits them with {@code write}. */
  static void append(
      LedgerStore store, java.util.List<org.blocklist.audit.AuditEvent> events, Write write)
      throws StoreException {
    ChainedWrite.<Void, RuntimeException>run(
        store,
        head -> {
          write.commit(head.chain(events));
          return null;
        });
  }

  static <T, E extends Exception> T run(LedgerStore store, Attempt<T, E> attempt)
      throws StoreException, E {
    for (int i = 1; ; i++) {
      try {
        return attempt.run(store.chainHead());
      } catch (ChainMovedException e) {
        if (i == MAX_ATTEMPTS) {
          throw new StoreException(
              "the audit chain moved under the writer " + MAX_ATTEMPTS + " times; nothing written",
              e);
        }
      }
    }
  }
}
