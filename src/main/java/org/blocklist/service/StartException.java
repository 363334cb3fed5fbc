package org.blocklist.service;

/** The service cannot start; the message is meant for the operator. */
public final class StartException extends Exception {
  private static final long serialVersionUID = 1L;

  public StartException(String message, Throwable cause) {
    super(message, cause);
  }
}
