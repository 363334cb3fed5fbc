package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * What the agent takes from its surroundings, injected so tests need no wall clock: the clock
 * (checkpoint age, evidence names), the randomness of the backoff jitter, the way it pauses, and
 * its limits.
 */
public record SyncEnvironment(Clock clock, Random random, Pause pause, SyncLimits limits) {
  public SyncEnvironment {
    requireNonNull(clock, "clock");
    requireNonNull(random, "random");
    requireNonNull(pause, "pause");
    requireNonNull(limits, "limits");
  }

  /** The system clock, a secure random, real pauses and {@link SyncLimits#DEFAULTS}. */
  public static SyncEnvironment system() {
    return new SyncEnvironment(
        Clock.systemUTC(), new SecureRandom(), Pause.SYSTEM, SyncLimits.DEFAULTS);
  }
}
