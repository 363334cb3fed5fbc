package org.blocklist.stoppage;

/**
 * Answers whether a {@code Host} header value names a blocked host. Implemented by the integrator
 * from the lookup matcher; must be fast and non-blocking (it runs on the event loop). The argument
 * is the raw {@code Host} header value (may include a port, a trailing dot, upper case, or
 * garbage).
 *
 * <p>The stop page only calls it with a value of 1 to 300 characters drawn from the RFC 3986 {@code
 * host [ ":" port ]} alphabet; anything else is answered {@code 400} without asking.
 */
@FunctionalInterface
public interface BlockedHosts {
  /** Whether {@code hostHeader} names a blocked host (or a name below one). */
  boolean isBlocked(String hostHeader);
}
