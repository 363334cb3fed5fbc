package org.blocklist.ledger;

/** The store failed (I/O, corruption, lock time-out); wraps the JDBC exception once. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean full;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public StoreException(String message) {
    this(message, null, false);
  }

  private StoreException(String message, Throwable cause, boolean full) {
    super(message, cause);
    this.full = full;
  }

  /** The store could not write because its disk is full; nothing was written. */
  public static StoreException full(String message, Throwable cause) {
    return new StoreException(message, cause, true);
  }

  /** Whether the store failed for lack of disk space (a {@code 507}, not a {@code 503}). */
  public boolean full() {
    return full;
  }
}
