package org.blocklist.console;

import static java.util.Objects.requireNonNull;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.blocklist.isp.Delivery;
import org.blocklist.isp.IspStatus;
import org.blocklist.state.ListState;

/**
 * How far behind each ISP was over the last day, for the status chart: every {@link
 * #INTERVAL_SECONDS} the latest version minus the last version each ISP received, at most {@link
 * #MAX_SAMPLES} per ISP. Kept in memory only (the chart starts afresh at a restart); the ISP status
 * itself is stored by the service.
 */
final class LagHistory {
  static final long INTERVAL_SECONDS = 60;
  static final int MAX_SAMPLES = 1440;

  /** One reading: when, and how many versions behind. */
  record Sample(Instant at, long behind) {}

  private final Supplier<ListState> state;
  private final IspStatus status;
  private final Clock clock;
  private final Timer timer;
  private final Map<String, ArrayDeque<Sample>> samples = new ConcurrentHashMap<>();

  LagHistory(Supplier<ListState> state, IspStatus status, Clock clock, Timer timer) {
    this.state = requireNonNull(state, "state");
    this.status = requireNonNull(status, "status");
    this.clock = requireNonNull(clock, "clock");
    this.timer = requireNonNull(timer, "timer");
    sample();
    schedule();
  }

  private void schedule() {
    try {
      timer.newTimeout(this::tick, INTERVAL_SECONDS, TimeUnit.SECONDS);
    } catch (IllegalStateException e) {
      // the timer is stopped: the service is closing
    }
  }

  private void tick(Timeout t) {
    sample();
    schedule();
  }

  /** Takes one reading of every ISP served so far. */
  void sample() {
    long latest = state.get().version();
    Instant now = clock.instant();
    for (Map.Entry<String, Delivery> e : status.all().entrySet()) {
      ArrayDeque<Sample> q = samples.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
      synchronized (q) {
        q.addLast(new Sample(now, latest - e.getValue().lastVersion()));
        while (q.size() > MAX_SAMPLES) {
          q.removeFirst();
        }
      }
    }
  }

  /** The readings of {@code isp}, oldest first. */
  List<Sample> of(String isp) {
    ArrayDeque<Sample> q = samples.get(isp);
    if (q == null) {
      return List.of();
    }
    synchronized (q) {
      return new ArrayList<>(q);
    }
  }
}
