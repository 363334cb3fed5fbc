package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.blocklist.rpz.ZoneChanges;
import org.blocklist.rpz.ZoneSource;
import org.blocklist.rpz.ZoneVersion;

/**
 * The agent's verified copy as the RPZ server's {@link ZoneSource}: the list of the trusted version
 * and a bounded history of the changes that led to it, one step per version applied (a delta across
 * several versions is one step: only its net change was verified). An IXFR from the start of a step
 * gets the condensed steps since; from any other serial (one before the history, or one this agent
 * never held) the whole zone. The history is in memory only: after a restart every secondary behind
 * the agent gets an AXFR once.
 *
 * <p>{@link #committed} is called by the synchronizer once a version is verified and committed; the
 * event loops read {@link #current} at any time: each version is an immutable value behind one
 * volatile reference.
 */
final class AgentZone implements ZoneSource {
  /** Versions whose changes are kept, at most. */
  static final int MAX_HISTORY_VERSIONS = 1000;

  /** Names (added plus removed, summed over the steps) kept, at most. */
  static final int MAX_HISTORY_NAMES = 200_000;

  private record Step(long from, long to, List<String> added, List<String> removed) {
    int names() {
      return added.size() + removed.size();
    }
  }

  private volatile Version current;

  /** The zone of the version the state directory holds, with no history yet. */
  AgentZone(long version, List<String> entries) {
    this.current = new Version(version, entries, List.of());
  }

  @Override
  public ZoneVersion current() {
    return current;
  }

  /**
   * Version {@code to} with {@code entries} is the trusted one now, reached from {@code from} by
   * {@code added} and {@code removed} (sorted). A step that does not start at the version served (a
   * whole list fetched again) starts the history afresh.
   */
  void committed(
      long from, long to, List<String> entries, List<String> added, List<String> removed) {
    Version now = current;
    Deque<Step> history = new ArrayDeque<>();
    if (from == now.version && to > from) {
      history.addAll(now.history);
      history.addLast(new Step(from, to, List.copyOf(added), List.copyOf(removed)));
    }
    long names = 0;
    for (Step s : history) {
      names += s.names();
    }
    while (!history.isEmpty()
        && (history.size() > MAX_HISTORY_VERSIONS || names > MAX_HISTORY_NAMES)) {
      names -= history.removeFirst().names();
    }
    current = new Version(to, requireNonNull(entries, "entries"), List.copyOf(history));
  }

  /** One version as served: immutable. */
  private static final class Version implements ZoneVersion {
    private final long version;
    private final List<String> entries;
    private final List<Step> history;

    Version(long version, List<String> entries, List<Step> history) {
      this.version = version;
      this.entries = entries;
      this.history = history;
    }

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
      int first = -1;
      for (int i = history.size() - 1; i >= 0; i--) {
        if (history.get(i).from() == from) {
          first = i;
          break;
        }
      }
      if (first < 0) {
        return Optional.empty();
      }
      long names = 0;
      for (int i = first; i < history.size(); i++) {
        names += history.get(i).names();
        if (names > maxNames) {
          return Optional.empty();
        }
      }
      if (first == history.size() - 1) {
        Step s = history.get(first);
        return Optional.of(new ZoneChanges(from, version, s.added(), s.removed()));
      }
      Set<String> added = new HashSet<>();
      Set<String> removed = new HashSet<>();
      for (Step s : history.subList(first, history.size())) {
        for (String n : s.removed()) {
          if (!added.remove(n)) {
            removed.add(n);
          }
        }
        for (String n : s.added()) {
          if (!removed.remove(n)) {
            added.add(n);
          }
        }
      }
      return Optional.of(new ZoneChanges(from, version, sorted(added), sorted(removed)));
    }

    private static List<String> sorted(Set<String> names) {
      List<String> list = new ArrayList<>(names);
      Collections.sort(list);
      return list;
    }
  }
}
