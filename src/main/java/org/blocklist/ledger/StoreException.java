package org.blocklist.ledger;

/** The store failed (I/O, corruption, lock time-out); wraps the JDBC exception once. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean full;
  private final boolean uncertain;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false, false);
  }

  public StoreException(String message) {
    this(message, null, false, false);
  }

  private StoreException(String message, Throwable cause, boolean full, boolean uncertain) {
    super(message, cause);
    this.full = full;
    this.uncertain = uncertain;
  }

  /** The store could not write because its disk is full; nothing was written. */
  public static StoreException full(String message, Throwable cause) {
    return new StoreException(message, cause, true, false);
  }

  /**
   * A commit failed in a way that leaves its durability unknown (an I/O error, a failed {@code
   * fsync}): what it wrote may or may not be on disk, and may or may not be there after a restart.
   */
  public static StoreException uncertain(String message, Throwable cause) {
    return new StoreException(message, cause, false, true);
  }

  /**
   * Whether a commit's outcome is unknown until the store is opened again (see {@link #uncertain}).
   */
  public boolean uncertain() {
    return uncertain;
  }

  /** Whether the store failed for lack of disk space (a {@code 507}, not a {@code 503}). */
  public boolean full() {
    return full;
  }
}
