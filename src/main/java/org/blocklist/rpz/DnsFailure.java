package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

/** Thrown where a query is found wanting; {@link Responder} answers it through {@link Replies}. */
final class DnsFailure extends Exception {
  private final Failure failure;

  DnsFailure(Failure failure, String message) {
    super(failure + ": " + message, null, false, false);
    this.failure = requireNonNull(failure, "failure");
  }

  Failure failure() {
    return failure;
  }
}
