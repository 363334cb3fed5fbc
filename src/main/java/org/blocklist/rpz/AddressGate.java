package org.blocklist.rpz;

import java.net.SocketAddress;

/** Admits or drops a UDP query by its source address (a rate limit); called on the event loop. */
@FunctionalInterface
public interface AddressGate {
  AddressGate OPEN = remote -> true;

  /** Whether a query from {@code remote} is answered; false drops it silently. */
  boolean tryAcquire(SocketAddress remote);
}
