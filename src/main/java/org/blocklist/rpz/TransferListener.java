package org.blocklist.rpz;

import java.util.Optional;

/** Told of every transfer once its last message is written. Called on the event loop. */
@FunctionalInterface
public interface TransferListener {
  /**
   * A secondary now holds {@code version}: {@code isp} is the name of the grant that admitted it
   * (empty for a grant without one, such as the loopback default).
   */
  void served(Optional<String> isp, long version, TransferKind kind);
}
