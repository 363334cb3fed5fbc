package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.blocklist.audit.ChainedEvent;

/**
 * What the store holds past a replica's verified state, read in one snapshot: the versions after it
 * (at most a page), the names each of them added and removed (sorted), and every event after the
 * replica's chain head up to the snapshot.
 */
public record StoredTail(
    List<StoredVersion> versions,
    Map<Long, List<String>> added,
    Map<Long, List<String>> removed,
    List<ChainedEvent> events) {
  public StoredTail {
    versions = List.copyOf(requireNonNull(versions, "versions"));
    added = Map.copyOf(requireNonNull(added, "added"));
    removed = Map.copyOf(requireNonNull(removed, "removed"));
    events = List.copyOf(requireNonNull(events, "events"));
  }

  public List<String> added(long version) {
    return added.getOrDefault(version, List.of());
  }

  public List<String> removed(long version) {
    return removed.getOrDefault(version, List.of());
  }
}
