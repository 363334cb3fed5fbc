package org.blocklist.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per source address, on a ticker the test moves by hand. */
class AddressRateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(123_456_789L);
  private final Ticker ticker = nanos::get;

  private static SocketAddress peer(String address) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(address), 40_000);
  }

  private static int acquired(AddressRateLimiter limiter, SocketAddress peer, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (limiter.tryAcquire(peer)) {
        n++;
      }
    }
    return n;
  }

  private void advanceMillis(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void tryAcquire_quietAddress_getsExactlyTheBurst() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(20, 5, 1000, ticker);

    assertEquals(100, acquired(limiter, peer("192.0.2.1"), 300));
  }

  @Test
  void tryAcquire_refillsAtTheRate_andARefusalTakesNothing() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(20, 5, 1000, ticker);
    SocketAddress peer = peer("192.0.2.1");
    acquired(limiter, peer, 100);

    advanceMillis(49);
    assertFalse(limiter.tryAcquire(peer), "a token takes 50 ms");
    advanceMillis(1);
    assertTrue(limiter.tryAcquire(peer));
    assertFalse(limiter.tryAcquire(peer));
    advanceMillis(1000);
    assertEquals(20, acquired(limiter, peer, 50), "the 50 refused before took nothing");
  }

  @Test
  void tryAcquire_neverMoreThanTheBurst_afterALongSilence() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(20, 5, 1000, ticker);
    SocketAddress peer = peer("192.0.2.1");
    acquired(limiter, peer, 10);

    advanceMillis(TimeUnit.HOURS.toMillis(1));

    assertEquals(100, acquired(limiter, peer, 300));
  }

  @Test
  void tryAcquire_eachAddressHasItsOwnBucket() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(1, 2, 1000, ticker);

    assertEquals(2, acquired(limiter, peer("192.0.2.1"), 5));
    assertEquals(2, acquired(limiter, peer("192.0.2.2"), 5));
    assertEquals(2, acquired(limiter, peer("2001:db8::1"), 5));
  }

  @Test
  void tryAcquire_anIpv6Slash64_sharesOneBucket() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(1, 2, 1000, ticker);

    assertTrue(limiter.tryAcquire(peer("2001:db8:1:2::1")));
    assertTrue(limiter.tryAcquire(peer("2001:db8:1:2:ffff:ffff:ffff:ffff")));
    assertFalse(limiter.tryAcquire(peer("2001:db8:1:2:abcd::9")), "same /64");
    assertTrue(limiter.tryAcquire(peer("2001:db8:1:3::1")), "the next /64");
  }

  @Test
  void key_isTheIpv4Address_theIpv6Slash64_orOneForOtherPeers() throws Exception {
    assertEquals(InetAddress.getByName("192.0.2.7"), AddressRateLimiter.key(peer("192.0.2.7")));
    assertEquals(
        InetAddress.getByName("2001:db8:1:2::"),
        AddressRateLimiter.key(peer("2001:db8:1:2:3:4:5:6")));
    assertNotEquals(
        AddressRateLimiter.key(peer("2001:db8:1:2::1")),
        AddressRateLimiter.key(peer("2001:db8:1:3::1")));
    EmbeddedChannel channel = new EmbeddedChannel();
    assertEquals(InetAddress.getLoopbackAddress(), AddressRateLimiter.key(channel.remoteAddress()));
    assertFalse(channel.finish());
  }

  @Test
  void tryAcquire_rateZero_isUnlimited() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(0, 5, 1, ticker);

    assertTrue(limiter.unlimited());
    assertEquals(100_000, acquired(limiter, peer("192.0.2.1"), 100_000));
  }

  @Test
  void tracked_isBoundedByMaxAddresses_andIdleBucketsAreDropped() throws Exception {
    AddressRateLimiter limiter = new AddressRateLimiter(1, 5, 10, ticker);
    for (int i = 1; i <= 200; i++) {
      assertTrue(limiter.tryAcquire(peer("192.0.2." + i)), "a new address starts full");
    }
    assertTrue(limiter.tracked() <= 10, "tracked: " + limiter.tracked());

    advanceMillis(5000);

    assertEquals(0, limiter.tracked(), "idle for the burst: full again, so forgotten");
  }

  @Test
  void constructor_refusesBadArguments_namingThem() {
    assertEquals(
        "perSecond: -1 (expected: 0..1000000000)",
        assertThrows(IllegalArgumentException.class, () -> new AddressRateLimiter(-1, 5, 1, ticker))
            .getMessage());
    assertEquals(
        "burstSeconds: 0 (expected: 1..3600)",
        assertThrows(IllegalArgumentException.class, () -> new AddressRateLimiter(1, 0, 1, ticker))
            .getMessage());
    assertEquals(
        "maxAddresses: 0 (expected: >= 1)",
        assertThrows(IllegalArgumentException.class, () -> new AddressRateLimiter(1, 1, 0, ticker))
            .getMessage());
    assertThrows(NullPointerException.class, () -> new AddressRateLimiter(1, 1, 1, null));
  }
}
