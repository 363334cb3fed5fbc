package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Every bound on what {@code verify} reads, by name: bytes per answer, time per exchange, the page
 * size and the size of the history. {@link #DEFAULT} is what the command line uses.
 *
 * @param page versions and events asked for per request (the API's largest page)
 * @param checkpointBytes largest checkpoint note
 * @param manifestPageBytes largest {@code /v1/versions} page
 * @param changesBytes largest {@code /v1/versions/{n}/changes} answer of one version
 * @param eventPageBytes largest {@code /v1/audit/events} page
 * @param smallTimeout whole exchange of a checkpoint or a page
 * @param changesTimeout whole exchange of one version's changes
 * @param maxVersions largest history accepted
 * @param maxEntries largest list accepted
 * @param maxEvents largest audit chain accepted
 */
public record VerifyLimits(
    int page,
    int checkpointBytes,
    int manifestPageBytes,
    int changesBytes,
    int eventPageBytes,
    Duration smallTimeout,
    Duration changesTimeout,
    long maxVersions,
    long maxEntries,
    long maxEvents) {

  /** The API's largest page (DESIGN.md: {@code limit} at most 1,000). */
  public static final int PAGE = 1000;

  /**
   * The command line's limits: a page of 1,000 manifests of at most 4 KiB is under 5 MiB; 64 MiB of
   * changes is more than 2 million names in one version; an event is at most a few KiB.
   */
  public static final VerifyLimits DEFAULT =
      new VerifyLimits(
          PAGE,
          16 * 1024,
          8 * 1024 * 1024,
          64 * 1024 * 1024,
          16 * 1024 * 1024,
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          1_000_000,
          10_000_000,
          100_000_000);

  public VerifyLimits {
    requireNonNull(smallTimeout, "smallTimeout");
    requireNonNull(changesTimeout, "changesTimeout");
    if (page < 1 || page > PAGE) {
      throw new IllegalArgumentException("page: " + page + " (expected: 1.." + PAGE + ")");
    }
    positive("checkpointBytes", checkpointBytes);
    positive("manifestPageBytes", manifestPageBytes);
    positive("changesBytes", changesBytes);
    positive("eventPageBytes", eventPageBytes);
    positive("maxVersions", maxVersions);
    positive("maxEntries", maxEntries);
    positive("maxEvents", maxEvents);
    if (smallTimeout.isNegative() || smallTimeout.isZero()) {
      throw new IllegalArgumentException("smallTimeout: " + smallTimeout + " (expected: > 0)");
    }
    if (changesTimeout.isNegative() || changesTimeout.isZero()) {
      throw new IllegalArgumentException("changesTimeout: " + changesTimeout + " (expected: > 0)");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: at least 1)");
    }
  }

  /** These limits with both timeouts set to {@code timeout} (tests of slow answers). */
  public VerifyLimits withTimeouts(Duration timeout) {
    return new VerifyLimits(
        page,
        checkpointBytes,
        manifestPageBytes,
        changesBytes,
        eventPageBytes,
        timeout,
        timeout,
        maxVersions,
        maxEntries,
        maxEvents);
  }
}
