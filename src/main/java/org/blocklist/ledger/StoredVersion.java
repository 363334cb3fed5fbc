package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

/** One stored version: its manifest text and its signed checkpoint note. */
public record StoredVersion(long version, String manifest, String checkpoint) {
  public StoredVersion {
    if (version < 1) {
      throw new IllegalArgumentException("version: " + version + " (expected: 1 or more)");
    }
    requireNonNull(manifest, "manifest");
    requireNonNull(checkpoint, "checkpoint");
  }
}
