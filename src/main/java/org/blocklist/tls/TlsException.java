package org.blocklist.tls;

/** A TLS configuration that cannot be used: a missing or unreadable file, a bad PEM, a bad key. */
public final class TlsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
