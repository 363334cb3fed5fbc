package org.blocklist.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.blocklist.rpz.ZoneChanges;
import org.blocklist.rpz.ZoneSource;
import org.blocklist.rpz.ZoneVersion;
import org.blocklist.state.Delta;
import org.blocklist.state.ListState;

/**
 * The published state as the RPZ server's {@link ZoneSource}: the latest {@link ListState}, whose
 * entries and per-version changes are already in memory.
 */
final class LedgerZone implements ZoneSource {
  private final Supplier<ListState> state;

  LedgerZone(Supplier<ListState> state) {
    this.state = requireNonNull(state, "state");
  }

  @Override
  public ZoneVersion current() {
    return new StateVersion(state.get());
  }

  /** One published version. */
  private record StateVersion(ListState state) implements ZoneVersion {
    @Override
    public long version() {
      return state.version();
    }

    @Override
    public List<String> entries() {
      return state.entries();
    }

    @Override
    public Optional<ZoneChanges> changesSince(long from, int maxNames) {
      long to = state.version();
      if (from < 0 || from >= to) {
        return Optional.empty();
      }
      long names = 0;
      for (long v = from + 1; v <= to; v++) {
        names += state.record(v).added().size() + state.record(v).removed().size();
        if (names > maxNames) {
          return Optional.empty();
        }
      }
      Delta d = state.deltaFrom(from);
      return Optional.of(new ZoneChanges(d.from(), d.to(), d.added(), d.removed()));
    }
  }
}
