package org.blocklist.ledger;

/**
 * The stored history does not match what was signed; the message says where. The service refuses to
 * serve.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }

  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
