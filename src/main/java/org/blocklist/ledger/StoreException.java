package org.blocklist.ledger;

/** The store failed (I/O, corruption, lock time-out); wraps the JDBC exception once. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean full;
  private final boolean fenced;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false, false);
  }

  public StoreException(String message) {
    this(message, null, false, false);
  }

  private StoreException(String message, Throwable cause, boolean full, boolean fenced) {
    super(message, cause);
    this.full = full;
    this.fenced = fenced;
  }

  /** The store could not write because its disk is full; nothing was written. */
  public static StoreException full(String message, Throwable cause) {
    return new StoreException(message, cause, true, false);
  }

  /** Another replica became the writer since this one began: nothing was written. */
  public static StoreException fenced(String message, Throwable cause) {
    return new StoreException(message, cause, false, true);
  }

  /** Whether the write was refused because this replica is no longer the writer. */
  public boolean fenced() {
    return fenced;
  }

  /** Whether the store failed for lack of disk space (a {@code 507}, not a {@code 503}). */
  public boolean full() {
    return full;
  }
}
