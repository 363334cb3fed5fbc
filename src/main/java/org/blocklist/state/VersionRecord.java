package org.blocklist.state;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.blocklist.log.Manifest;

/**
 * One published version in memory: its manifest, its signed checkpoint note and its changes (sorted
 * names).
 */
public record VersionRecord(
    Manifest manifest, String checkpoint, List<String> added, List<String> removed) {
  public VersionRecord {
    requireNonNull(manifest, "manifest");
    requireNonNull(checkpoint, "checkpoint");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  public long version() {
    return manifest.version();
  }
}
