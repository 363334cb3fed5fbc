package org.blocklist.accountability;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The review of one listed entry: the requisition whose approval added it and when, the last
 * renewal (null if none), and the review date: {@code review.days} after the later of the two.
 */
public record Review(
    String domain, long requisition, Instant approvedAt, Instant renewedAt, Instant reviewBy) {
  public Review {
    requireNonNull(domain, "domain");
    requireNonNull(approvedAt, "approvedAt");
    requireNonNull(reviewBy, "reviewBy");
  }

  /**
   * The review of an entry approved at {@code approvedAt} and last renewed at {@code renewedAt}.
   */
  public static Review of(
      String domain, long requisition, Instant approvedAt, Instant renewedAt, int reviewDays) {
    Instant base = renewedAt == null ? approvedAt : renewedAt;
    return new Review(
        domain, requisition, approvedAt, renewedAt, base.plus(Duration.ofDays(reviewDays)));
  }
}
