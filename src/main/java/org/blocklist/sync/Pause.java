package org.blocklist.sync;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the agent waits between attempts: injected, so tests move a clock instead of sleeping. {@link
 * #SYSTEM} waits on the agent's stop latch, so a stop ends the wait at once.
 */
@FunctionalInterface
public interface Pause {
  Pause SYSTEM = (d, stop) -> !stop.await(d.toNanos(), TimeUnit.NANOSECONDS);

  /**
   * Waits {@code duration}, or less if {@code stop} opens.
   *
   * @return whether it waited the whole time (false: the agent is stopping)
   */
  boolean sleep(Duration duration, CountDownLatch stop) throws InterruptedException;
}
