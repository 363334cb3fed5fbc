package org.blocklist.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.AppealStatus;
import org.blocklist.accountability.MonthCounts;
import org.blocklist.accountability.Report;
import org.blocklist.accountability.ReportStatus;

/**
 * The reads faces make of reports, reviews, appeals and the month counts (implemented by {@code
 * org.blocklist.store} on its reader threads), like {@link Records}.
 */
public interface AccountabilityRecords {
  /**
   * Reports with {@code id >= fromId} in id order, of {@code status} (any when null), sent by
   * {@code submitter} (anyone when null), that became {@code requisition} (any when null).
   */
  CompletableFuture<List<Report>> reports(
      ReportStatus status, String submitter, Long requisition, long fromId, int limit);

  /** Appeals with {@code id >= fromId} in id order, of {@code status} (any when null). */
  CompletableFuture<List<Appeal>> appeals(AppealStatus status, long fromId, int limit);

  /**
   * Listed entries whose review base (last renewal, else approval) is before {@code base}, by name,
   * from the {@code offset}-th (0 first); each as domain, requisition, approved, renewed.
   */
  CompletableFuture<List<ReviewRow>> reviewBaseBefore(Instant base, long offset, int limit);

  /** Reports, appeals received and appeals answered, by month. */
  CompletableFuture<Map<String, MonthCounts>> monthCounts();

  /** The ids of approved requisitions with legal basis {@code review-expired}. */
  CompletableFuture<Set<Long>> expiryRequisitions();

  /** One row of the reviews table. */
  record ReviewRow(String domain, long requisition, Instant approved, Instant renewed) {}
}
