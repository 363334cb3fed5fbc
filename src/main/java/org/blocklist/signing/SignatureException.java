package org.blocklist.signing;

/** A signature that does not verify, or a signed note without a valid signature by a key. */
public final class SignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  public SignatureException(String message) {
    super(message);
  }

  public SignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
