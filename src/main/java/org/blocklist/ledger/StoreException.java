package org.blocklist.ledger;

/** The store failed (I/O, corruption, lock time-out); wraps the JDBC exception once. */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
