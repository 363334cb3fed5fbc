package org.blocklist.signing;

/** A signing key file that is missing, unreadable, malformed, too widely readable or mismatched. */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
