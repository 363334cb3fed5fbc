package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with jitter between failed attempts: the n-th failure in a row waits a
 * uniformly drawn time between half and all of {@code min(max, start * 2^(n-1))}, so agents that
 * failed together do not retry together ("equal jitter").
 */
final class Backoff {
  private final Duration start;
  private final Duration max;
  private final Random random;
  private int failures;

  Backoff(Duration start, Duration max, Random random) {
    this.start = requireNonNull(start, "start");
    this.max = requireNonNull(max, "max");
    this.random = requireNonNull(random, "random");
  }

  /** The pause after one more failure. */
  Duration next() {
    failures = Math.min(failures + 1, 62);
    long ceiling = max.toMillis();
    long base = start.toMillis();
    for (int i = 1; i < failures && base < ceiling; i++) {
      base *= 2;
    }
    base = Math.min(base, ceiling);
    long half = base / 2;
    return Duration.ofMillis(base - half + random.nextLong(half + 1));
  }

  /** After a success the next failure starts again from {@code start}. */
  void reset() {
    failures = 0;
  }
}
