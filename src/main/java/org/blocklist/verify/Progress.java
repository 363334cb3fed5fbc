package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress lines on stderr while a long history is read, at most one per {@link #INTERVAL}: what is
 * done, of how much, and at what rate. Time comes from the injected clock.
 */
final class Progress {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final PrintStream err;
  private final Clock clock;
  private final long start;
  private long last;

  Progress(PrintStream err, Clock clock) {
    this.err = requireNonNull(err, "err");
    this.clock = requireNonNull(clock, "clock");
    this.start = clock.millis();
    this.last = start;
  }

  void manifests(long done, long total) {
    if (due()) {
      err.printf(Locale.ROOT, "verify: %,d of %,d manifests read%n", done, total);
    }
  }

  void versions(long done, long total, long entries) {
    if (due()) {
      double seconds = Math.max(1, last - start) / 1000.0;
      err.printf(
          Locale.ROOT,
          "verify: %,d of %,d versions replayed (%,d entries), %,.0f versions/s%n",
          done,
          total,
          entries,
          done / seconds);
    }
  }

  void events(long done) {
    if (due()) {
      err.printf(Locale.ROOT, "verify: %,d audit events checked%n", done);
    }
  }

  private boolean due() {
    long now = clock.millis();
    if (now - last < INTERVAL.toMillis()) {
      return false;
    }
    last = now;
    return true;
  }
}
