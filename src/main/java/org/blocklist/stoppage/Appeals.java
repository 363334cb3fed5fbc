package org.blocklist.stoppage;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Where the stop page's appeal form goes (the integrator stores it through the writer, with its
 * audit event). Called on the event loop; must not block. The future never fails: it says what
 * became of the appeal, and the page answers the same for a listed and an unlisted host.
 */
@FunctionalInterface
public interface Appeals {
  /** What became of one appeal. */
  enum Outcome {
    STORED,
    /** The message is empty, too long or holds control characters; the host is no host name. */
    INVALID,
    /** Past the appeals quota of the source address. */
    RATE_LIMITED,
    /** The store could not take it now. */
    UNAVAILABLE
  }

  /**
   * @param hostHeader the raw {@code Host} of the request (the integrator canonicalises it)
   * @param language the page's language tag
   * @param remote the source address, for the quota only (never stored)
   */
  CompletableFuture<Outcome> receive(
      String hostHeader, String message, String language, SocketAddress remote);

  /** No appeals taken (a stop page without a store). */
  Appeals NONE = (h, m, l, r) -> CompletableFuture.completedFuture(Outcome.UNAVAILABLE);
}
