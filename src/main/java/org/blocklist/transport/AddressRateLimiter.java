package org.blocklist.transport;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per source address: {@code perSecond} requests a second, with a burst of {@code
 * burstSeconds} seconds' worth, {@code 0} meaning unlimited. Each bucket is one number, the generic
 * cell rate algorithm's theoretical arrival time, moved by compare-and-set: nothing waits, so it
 * runs on an event loop.
 *
 * <p>An IPv4 client counts by its address, an IPv6 client by its /64 (the prefix one subscriber is
 * given, so the rest of it buys nothing). At most {@code maxAddresses} are tracked (beyond that
 * Caffeine evicts by recency and frequency, and an evicted address starts full), and a bucket idle
 * for {@code burstSeconds} is dropped, being full again by then. Time comes from the injected
 * {@link Ticker}, so tests move it by hand; the cache does its upkeep on the calling thread.
 */
public final class AddressRateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The theoretical arrival time of a bucket never used: full. */
  private static final long FULL = Long.MIN_VALUE;

  private static final int IPV6_PREFIX_BYTES = 8;

  private final long interval;
  private final long tolerance;
  private final Ticker ticker;
  private final Cache<InetAddress, AtomicLong> buckets;

  /**
   * @param perSecond requests a second per address, {@code 0} for unlimited (at most 1e9)
   * @param burstSeconds seconds' worth of requests an idle address may send at once (at least 1)
   * @param maxAddresses addresses tracked at once (at least 1)
   */
  public AddressRateLimiter(int perSecond, int burstSeconds, int maxAddresses, Ticker ticker) {
    if (perSecond < 0 || perSecond > NANOS_PER_SECOND) {
      throw new IllegalArgumentException(
          "perSecond: " + perSecond + " (expected: 0.." + NANOS_PER_SECOND + ")");
    }
    if (burstSeconds < 1 || burstSeconds > 3600) {
      throw new IllegalArgumentException("burstSeconds: " + burstSeconds + " (expected: 1..3600)");
    }
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("maxAddresses: " + maxAddresses + " (expected: >= 1)");
    }
    this.ticker = requireNonNull(ticker, "ticker");
    this.interval = perSecond == 0 ? 0 : NANOS_PER_SECOND / perSecond;
    this.tolerance = burstSeconds * NANOS_PER_SECOND;
    this.buckets =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumSize(maxAddresses)
            .expireAfterAccess(Duration.ofSeconds(burstSeconds))
            .build();
  }

  /** Whether every request passes. */
  public boolean unlimited() {
    return interval == 0;
  }

  /** Takes a token from {@code remote}'s bucket; false when it is empty (nothing is taken). */
  public boolean tryAcquire(SocketAddress remote) {
    if (unlimited()) {
      return true;
    }
    AtomicLong bucket = buckets.get(key(remote), k -> new AtomicLong(FULL));
    long now = ticker.read();
    while (true) {
      long arrival = bucket.get();
      long next = Math.max(arrival, now) + interval;
      if (next - now > tolerance) {
        return false;
      }
      if (bucket.compareAndSet(arrival, next)) {
        return true;
      }
    }
  }

  /** Addresses tracked now (for tests). */
  long tracked() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /**
   * The address {@code remote} is counted under: its IPv4 address, its IPv6 /64, or one shared
   * bucket for a peer that is not an IP socket (an in-memory channel, say).
   */
  static InetAddress key(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      return InetAddress.getLoopbackAddress();
    }
    InetAddress address = inet.getAddress();
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }
}
