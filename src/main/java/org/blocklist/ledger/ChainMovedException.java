package org.blocklist.ledger;

/**
 * The audit chain in the store no longer ends where the writer computed from: another process (the
 * {@code principal} command) appended meanwhile. Nothing was written; the writer recomputes from
 * the new head and commits again.
 */
public final class ChainMovedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ChainMovedException(String message) {
    super(message);
  }
}
