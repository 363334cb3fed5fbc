package org.blocklist.cli;

/** The command line is wrong (exit status 2). */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
