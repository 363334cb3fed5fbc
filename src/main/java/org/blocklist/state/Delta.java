package org.blocklist.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The net change from version {@code from} to version {@code to}: a name added and then removed in
 * between is in neither list. Both lists are sorted by byte order.
 */
public record Delta(long from, long to, List<String> added, List<String> removed) {
  public Delta {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("from: " + from + " (expected: 0.." + to + ")");
    }
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** The delta from {@code from} to the latest version of {@code state}. */
  static Delta of(ListState state, long from) {
    long to = state.version();
    if (from == to) {
      return new Delta(from, to, List.of(), List.of());
    }
    if (from == 0) {
      return new Delta(0, to, Arrays.asList(state.entryArray()), List.of());
    }
    if (from == to - 1) {
      VersionRecord r = state.record(to);
      return new Delta(from, to, r.added(), r.removed());
    }
    List<VersionRecord> newer = new ArrayList<>((int) (to - from));
    for (long v = from + 1; v <= to; v++) {
      newer.add(state.record(v));
    }
    return between(from, newer);
  }

  /**
   * The net change over {@code newer}, the consecutive versions after {@code from} (at least one).
   * For each name touched: was it listed at {@code from} (its first change is a removal), and is it
   * listed at the end (its last change is an addition)?
   */
  public static Delta between(long from, List<VersionRecord> newer) {
    Map<String, boolean[]> touched = new HashMap<>();
    for (VersionRecord r : newer) {
      for (String name : r.added()) {
        touched.computeIfAbsent(name, n -> new boolean[] {false, true})[1] = true;
      }
      for (String name : r.removed()) {
        touched.computeIfAbsent(name, n -> new boolean[] {true, false})[1] = false;
      }
    }
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    touched.forEach(
        (name, listed) -> {
          if (!listed[0] && listed[1]) {
            added.add(name);
          } else if (listed[0] && !listed[1]) {
            removed.add(name);
          }
        });
    added.sort(null);
    removed.sort(null);
    return new Delta(from, from + newer.size(), added, removed);
  }
}
