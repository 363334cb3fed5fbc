package org.blocklist.http;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * The requests being answered across the listener, so that a shutdown answers them before it closes
 * the connections: a request counts from its dispatch until its response is written to the socket
 * (or the connection fails).
 */
final class InFlight {
  private int count;

  synchronized void start() {
    count++;
  }

  synchronized void end() {
    if (--count == 0) {
      notifyAll();
    }
  }

  synchronized int count() {
    return count;
  }

  /**
   * Waits until no request is in flight or {@code millis} have passed by {@code ticker}; true if
   * none is left.
   */
  synchronized boolean awaitNone(long millis, Ticker ticker) throws InterruptedException {
    long deadline = ticker.read() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (count > 0) {
      long left = deadline - ticker.read();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
