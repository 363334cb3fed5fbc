package org.blocklist.ledger;

/** The store failed (I/O, corruption, lock time-out); wraps the JDBC exception once. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, when it is not a plain one. */
  private enum Kind {
    PLAIN,
    FULL,
    FENCED,
    UNCERTAIN
  }

  private final Kind kind;

  public StoreException(String message, Throwable cause) {
    this(message, cause, Kind.PLAIN);
  }

  public StoreException(String message) {
    this(message, null, Kind.PLAIN);
  }

  private StoreException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  /** The store could not write because its disk is full; nothing was written. */
  public static StoreException full(String message, Throwable cause) {
    return new StoreException(message, cause, Kind.FULL);
  }

  /** Another replica became the writer since this one began: nothing was written. */
  public static StoreException fenced(String message, Throwable cause) {
    return new StoreException(message, cause, Kind.FENCED);
  }

  /**
   * A commit failed in a way that leaves its durability unknown (an I/O error, a failed {@code
   * fsync}): what it wrote may or may not be on disk, and may or may not be there after a restart.
   */
  public static StoreException uncertain(String message, Throwable cause) {
    return new StoreException(message, cause, Kind.UNCERTAIN);
  }

  /** Whether the write was refused because this replica is no longer the writer. */
  public boolean fenced() {
    return kind == Kind.FENCED;
  }

  /**
   * Whether a commit's outcome is unknown until the store is opened again (see {@link #uncertain}).
   */
  public boolean uncertain() {
    return kind == Kind.UNCERTAIN;
  }

  /** Whether the store failed for lack of disk space (a {@code 507}, not a {@code 503}). */
  public boolean full() {
    return kind == Kind.FULL;
  }
}
