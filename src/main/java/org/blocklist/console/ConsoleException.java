package org.blocklist.console;

import java.util.List;

/**
 * A request the console refuses, with the HTTP status and the message key of the error page (and
 * its arguments), shown in the caller's language.
 */
final class ConsoleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String key;
  private final List<Object> args;

  ConsoleException(int status, String key, Object... args) {
    super(key, null, false, false);
    this.status = status;
    this.key = key;
    this.args = List.of(args);
  }

  int status() {
    return status;
  }

  String key() {
    return key;
  }

  Object[] args() {
    return args.toArray();
  }
}
