package org.blocklist.rpz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A zone held in memory for the tests of the server: every version's entries, from version 0
 * (empty) on; changes are the set differences, so a test can check the condensed IXFR against them.
 */
final class TestZone implements ZoneSource {
  private final List<List<String>> versions = new ArrayList<>();

  TestZone(String... entries) {
    versions.add(List.of());
    if (entries.length > 0) {
      block(entries);
    }
  }

  /** A new version with {@code names} added. */
  synchronized TestZone block(String... names) {
    TreeSet<String> next = new TreeSet<>(versions.get(versions.size() - 1));
    next.addAll(List.of(names));
    versions.add(List.copyOf(next));
    return this;
  }

  /** A new version with {@code names} removed. */
  synchronized TestZone unblock(String... names) {
    TreeSet<String> next = new TreeSet<>(versions.get(versions.size() - 1));
    List.of(names).forEach(next::remove);
    versions.add(List.copyOf(next));
    return this;
  }

  @Override
  public synchronized ZoneVersion current() {
    long version = versions.size() - 1;
    List<String> entries = versions.get((int) version);
    List<List<String>> history = List.copyOf(versions);
    return new ZoneVersion() {
      @Override
      public long version() {
        return version;
      }

      @Override
      public List<String> entries() {
        return entries;
      }

      @Override
      public Optional<ZoneChanges> changesSince(long from, int maxNames) {
        if (from < 0 || from >= version) {
          return Optional.empty();
        }
        TreeSet<String> added = new TreeSet<>(entries);
        added.removeAll(history.get((int) from));
        TreeSet<String> removed = new TreeSet<>(history.get((int) from));
        removed.removeAll(entries);
        if (added.size() + removed.size() > maxNames) {
          return Optional.empty();
        }
        return Optional.of(
            new ZoneChanges(from, version, List.copyOf(added), List.copyOf(removed)));
      }
    };
  }
}
