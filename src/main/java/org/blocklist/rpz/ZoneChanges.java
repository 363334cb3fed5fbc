package org.blocklist.rpz;

import java.util.List;

/**
 * The net change from version {@code from} to version {@code to}: names listed at {@code to} and
 * not at {@code from} ({@code added}) and the reverse ({@code removed}), each sorted.
 */
public record ZoneChanges(long from, long to, List<String> added, List<String> removed) {
  public ZoneChanges {
    if (from < 0 || from >= to) {
      throw new IllegalArgumentException("from: " + from + " (expected: 0.." + (to - 1) + ")");
    }
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
