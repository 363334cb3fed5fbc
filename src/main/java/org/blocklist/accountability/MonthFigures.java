package org.blocklist.accountability;

import static java.util.Objects.requireNonNull;

/**
 * The public figures of one calendar month (UTC, {@code YYYY-MM}); no names. {@code versions},
 * {@code blocks}, {@code unblocks} (versions by action), {@code added}, {@code removed} and {@code
 * entries} (after the month's last version, or carried over) are fixed by the signed manifests;
 * {@code reports}, {@code appealsReceived}, {@code appealsAnswered} by the audit chain; {@code
 * expiries} (names removed by review expiry) by both: the manifests' removed counts of the
 * requisitions whose submission event says {@code legal-basis review-expired}.
 */
public record MonthFigures(
    String month,
    long versions,
    long blocks,
    long unblocks,
    long added,
    long removed,
    long entries,
    long reports,
    long appealsReceived,
    long appealsAnswered,
    long expiries) {
  public MonthFigures {
    requireNonNull(month, "month");
  }
}
