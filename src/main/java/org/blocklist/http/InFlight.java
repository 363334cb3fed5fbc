package org.blocklist.http;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests being answered across the listener, so that a shutdown answers them before it closes
 * the connections: a request counts from its dispatch until its response is written to the socket
 * (or the connection fails). Counting is one atomic add on the event loop; only a shutdown waiting
 * for the count to reach zero takes the monitor.
 */
final class InFlight {
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean awaited;

  void start() {
    count.incrementAndGet();
  }

  void end() {
    if (count.decrementAndGet() == 0 && awaited) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  int count() {
    return count.get();
  }

  /**
   * Waits until no request is in flight or {@code millis} have passed by {@code ticker}; true if
   * none is left.
   */
  synchronized boolean awaitNone(long millis, Ticker ticker) throws InterruptedException {
    awaited = true;
    long deadline = ticker.read() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (count.get() > 0) {
      long left = deadline - ticker.read();
      if (left <= 0) {
        return false;
      }
      // Bounded waits: an end() that ran between the check and the wait is seen at the next turn.
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
    return true;
  }
}
