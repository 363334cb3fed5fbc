package org.blocklist.web;

import org.blocklist.principal.Principal;

/** The listener's per-principal rate limit (the buckets of the API itself). */
@FunctionalInterface
public interface RateGate {
  /** Whether {@code principal} may make one more request now. */
  boolean admit(Principal principal);
}
