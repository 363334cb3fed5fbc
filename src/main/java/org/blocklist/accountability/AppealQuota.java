package org.blocklist.accountability;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appeals accepted from one source address (an IPv6 address by its /64) per hour: a window that
 * opens at an address's first appeal and closes an hour later. The address itself is kept only in
 * memory, for that hour, and never stored. Time comes from the injected {@link Ticker}.
 */
public final class AppealQuota {
  /** Most addresses tracked at once; past it the least recent are forgotten. */
  public static final int MAX_ADDRESSES = 100_000;

  private static final int IPV6_PREFIX_BYTES = 8;

  private final int perHour;
  private final Cache<InetAddress, AtomicInteger> windows;

  /**
   * @param perHour appeals a source address may send in an hour; 0 for unlimited
   */
  public AppealQuota(int perHour, Ticker ticker) {
    if (perHour < 0) {
      throw new IllegalArgumentException("perHour: " + perHour + " (expected: 0 or more)");
    }
    this.perHour = perHour;
    this.windows =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(MAX_ADDRESSES)
            .expireAfterWrite(Duration.ofHours(1))
            .build();
  }

  /** Counts one appeal from {@code remote}; false once its hour's quota is spent. */
  public boolean tryAcquire(SocketAddress remote) {
    if (perHour == 0) {
      return true;
    }
    return windows.get(key(remote), k -> new AtomicInteger()).incrementAndGet() <= perHour;
  }

  static InetAddress key(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null) {
      return InetAddress.getLoopbackAddress();
    }
    InetAddress address = a.getAddress();
    if (address instanceof Inet6Address) {
      byte[] b = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(b, IPV6_PREFIX_BYTES, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("16 bytes are an IPv6 address", e);
      }
    }
    return address;
  }
}
