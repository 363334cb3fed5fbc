package org.blocklist.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Token buckets keyed by principal or source address: {@code rate} per second with a burst of
 * {@link #BURST_SECONDS} seconds' worth. A rate of 0 means unlimited. Time comes from the injected
 * {@link Ticker}, so tests control it.
 */
final class RateLimiter {
  static final int BURST_SECONDS = 5;

  /** Most keys tracked at once; the least recently seen are forgotten (and start full again). */
  static final int MAX_KEYS = 100_000;

  private final Ticker ticker;
  private final Cache<String, Bucket> buckets;

  RateLimiter(Ticker ticker) {
    this.ticker = ticker;
    this.buckets =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(MAX_KEYS)
            .expireAfterAccess(Duration.ofSeconds(BURST_SECONDS * 2L))
            .build();
  }

  /** Takes one token from {@code key}'s bucket; false when the bucket is empty. */
  boolean tryAcquire(String key, int rate) {
    if (rate <= 0) {
      return true;
    }
    Bucket bucket = buckets.get(key, k -> new Bucket(rate, ticker.read()));
    return bucket.tryAcquire(rate, ticker.read());
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(int rate, long now) {
      this.tokens = (double) rate * BURST_SECONDS;
      this.last = now;
    }

    synchronized boolean tryAcquire(int rate, long now) {
      double capacity = (double) rate * BURST_SECONDS;
      tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
