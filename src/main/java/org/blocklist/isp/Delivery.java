package org.blocklist.isp;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An ISP's last delivery: the version, when it was served, and how ({@code http} or {@code dns}).
 */
public record Delivery(long lastVersion, Instant lastSeen, String via) {
  public Delivery {
    if (lastVersion < 0) {
      throw new IllegalArgumentException("lastVersion: " + lastVersion + " (expected: 0 or more)");
    }
    requireNonNull(lastSeen, "lastSeen");
    requireNonNull(via, "via");
  }
}
