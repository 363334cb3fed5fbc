package org.blocklist.feed;

import static java.util.Objects.requireNonNull;

/**
 * A fetch or check of the feed that failed; {@link #reason()} is a short word for metrics and logs
 * ({@code blocklist_sync_failures_total{reason=...}}), the message says what happened in words.
 */
public final class FeedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a fetch or check failed; each has a stable lower-case name. */
  public enum Reason {
    /** The server could not be reached or the connection broke. */
    NETWORK,
    /** No complete answer within the time allowed. */
    TIMEOUT,
    /** The answer was larger than its limit (bytes or entries). */
    TOO_LARGE,
    /** The server answered an error status. */
    STATUS,
    /** The answer is not what the contract says (JSON, text, fields). */
    MALFORMED,
    /** A signature does not verify against the pinned key. */
    SIGNATURE,
    /** A proof, digest or count does not match what is signed. */
    PROOF,
    /** The server's tree is smaller than one already trusted. */
    ROLLBACK,
    /** The server's tree is not an extension of one already trusted. */
    FORK,
    /** No checkpoint verified for longer than allowed. */
    STALE;

    /** The name used in metrics and logs, e.g. {@code too_large}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;
  private final int status;
  private final String error;

  public FeedException(Reason reason, String message) {
    this(reason, message, null);
  }

  public FeedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
    this.status = 0;
    this.error = "";
  }

  private FeedException(int status, String error, String message) {
    super(message);
    this.reason = Reason.STATUS;
    this.status = status;
    this.error = error;
  }

  /**
   * The server answered {@code status} with the DESIGN.md error {@code error} ({@code ""} when the
   * body was not one).
   */
  static FeedException status(int status, String error, String message) {
    return new FeedException(status, requireNonNull(error, "error"), message);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status of a {@code STATUS} failure, else 0. */
  public int status() {
    return status;
  }

  /** The error code of a {@code STATUS} failure's JSON body ({@code ahead_of_server}), or "". */
  public String error() {
    return error;
  }
}
