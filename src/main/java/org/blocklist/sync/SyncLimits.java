package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Every bound the agent puts on what it reads and how long it waits; {@link #DEFAULTS} are those of
 * the command line (README, "The sync agent").
 *
 * @param maxDeltaBytes largest {@code /v1/delta} answer read (a full list of 1,000,000 names is
 *     about 25 MB of JSON)
 * @param maxNames most names in one delta ({@code added} and {@code removed} together) and in the
 *     list after it
 * @param pollWait the long-poll {@code wait} asked of the server when watching (at most 60 s, the
 *     server's limit)
 * @param exchangeTime the time allowed for one whole exchange beyond {@code pollWait}: from sending
 *     the request to the last byte of the answer
 * @param backoffStart the pause after a first failure, doubled at each failure in a row
 * @param backoffMax the longest pause between attempts
 * @param onChangeTime how long {@code --on-change} may run before it is killed
 */
public record SyncLimits(
    long maxDeltaBytes,
    int maxNames,
    Duration pollWait,
    Duration exchangeTime,
    Duration backoffStart,
    Duration backoffMax,
    Duration onChangeTime) {
  /** 256 MiB: ten times a full list of a million names. */
  public static final long MAX_DELTA_BYTES = 256L << 20;

  /** Names in one delta or in the list. */
  public static final int MAX_NAMES = 10_000_000;

  /** The server holds a long-poll at most 60 s (DESIGN.md). */
  public static final int MAX_POLL_WAIT_SECONDS = 60;

  public static final SyncLimits DEFAULTS =
      new SyncLimits(
          MAX_DELTA_BYTES,
          MAX_NAMES,
          Duration.ofSeconds(30),
          Duration.ofSeconds(120),
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(60));

  public SyncLimits {
    requireNonNull(pollWait, "pollWait");
    requireNonNull(exchangeTime, "exchangeTime");
    requireNonNull(backoffStart, "backoffStart");
    requireNonNull(backoffMax, "backoffMax");
    requireNonNull(onChangeTime, "onChangeTime");
    if (maxDeltaBytes < 1) {
      throw new IllegalArgumentException("maxDeltaBytes: " + maxDeltaBytes + " (expected: > 0)");
    }
    if (maxNames < 0) {
      throw new IllegalArgumentException("maxNames: " + maxNames + " (expected: >= 0)");
    }
    if (pollWait.isNegative() || pollWait.toSeconds() > MAX_POLL_WAIT_SECONDS) {
      throw new IllegalArgumentException(
          "pollWait: " + pollWait + " (expected: 0.." + MAX_POLL_WAIT_SECONDS + " s)");
    }
    for (Duration d : new Duration[] {exchangeTime, backoffStart, backoffMax, onChangeTime}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("duration: " + d + " (expected: positive)");
      }
    }
  }
}
