package org.blocklist.verify;

/**
 * The first thing that does not verify, or why the history could not be read. The message names
 * what (a version, an audit event, the checkpoint), the field, and for a comparison the expected
 * value (and where it comes from) and the computed one.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean unreadable;

  public VerificationException(String message) {
    this(message, null, false);
  }

  public VerificationException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private VerificationException(String message, Throwable cause, boolean unreadable) {
    super(message, cause);
    this.unreadable = unreadable;
  }

  /**
   * The history could not be read (network, HTTP status, time or size limit, file system): no
   * evidence either way, unlike a failed check.
   */
  static VerificationException unreadable(String message, Throwable cause) {
    return new VerificationException(message, cause, true);
  }

  /** Whether the history could not be read, rather than read and found not to verify. */
  public boolean unreadable() {
    return unreadable;
  }

  /**
   * {@code version 3: entries: expected 5 (the signed manifest), computed 4 (the replayed list)}.
   */
  static VerificationException mismatch(
      String subject,
      String field,
      Object expected,
      String expectedFrom,
      Object computed,
      String computedFrom) {
    return new VerificationException(
        subject
            + ": "
            + field
            + ": expected "
            + expected
            + " ("
            + expectedFrom
            + "), computed "
            + computed
            + " ("
            + computedFrom
            + ")");
  }

  /** {@code version N} */
  static String version(long version) {
    return "version " + version;
  }
}
