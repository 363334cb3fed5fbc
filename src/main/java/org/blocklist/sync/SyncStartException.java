package org.blocklist.sync;

/**
 * The agent cannot start: its state directory is held by another agent or does not verify, the
 * trust key cannot be read, a port cannot be bound. The message says what and where.
 */
public final class SyncStartException extends Exception {
  private static final long serialVersionUID = 1L;

  SyncStartException(String message) {
    super(message);
  }

  SyncStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
