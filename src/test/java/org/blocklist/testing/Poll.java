package org.blocklist.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for what another process does (a resolver applying a transfer, a status written when a
 * transfer's last byte left): asks every {@value #INTERVAL_MILLIS} ms until the answer is there or
 * the deadline passes, which fails the test. Nothing here measures time: the deadline only bounds a
 * test that would otherwise hang.
 */
public final class Poll {
  static final long INTERVAL_MILLIS = 10;

  private Poll() {}

  /**
   * The first present value {@code probe} gives within {@code timeout}; fails with {@code what}.
   */
  public static <T> T until(Duration timeout, Supplier<String> what, Callable<Optional<T>> probe)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.call();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline > 0) {
        return fail("not within " + timeout.toSeconds() + " s: " + what.get());
      }
      LockSupport.parkNanos(INTERVAL_MILLIS * 1_000_000);
    }
  }
}
