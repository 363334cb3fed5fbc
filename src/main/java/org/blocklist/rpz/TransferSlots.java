package org.blocklist.rpz;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the transfers streaming now, per source address and in all, against their limits. */
final class TransferSlots {
  private final int perAddress;
  private final int max;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

  TransferSlots(int perAddress, int max) {
    this.perAddress = perAddress;
    this.max = max;
  }

  /** Takes a slot for {@code address}; false, taking nothing, when either limit is reached. */
  boolean tryAcquire(InetAddress address) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      return false;
    }
    boolean[] taken = {false};
    byAddress.compute(
        address,
        (a, n) -> {
          int now = n == null ? 0 : n;
          if (now >= perAddress) {
            return n;
          }
          taken[0] = true;
          return now + 1;
        });
    if (!taken[0]) {
      total.decrementAndGet();
    }
    return taken[0];
  }

  /** Gives back a slot taken for {@code address}. */
  void release(InetAddress address) {
    byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    total.decrementAndGet();
  }

  /** Transfers streaming now. */
  int active() {
    return total.get();
  }
}
