package org.blocklist.store;

import static java.util.Objects.requireNonNull;

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
import org.blocklist.ledger.AccountabilityRecords;

/** {@link AccountabilityRecords} on the reader pool. */
public final class StoreAccountabilityRecords implements AccountabilityRecords {
  private final ReadPool reads;

  public StoreAccountabilityRecords(ReadPool reads) {
    this.reads = requireNonNull(reads, "reads");
  }

  @Override
  public CompletableFuture<List<Report>> reports(
      ReportStatus status, String submitter, Long requisition, long fromId, int limit) {
    return reads.read(c -> ReportRows.page(c, status, submitter, requisition, fromId, limit));
  }

  @Override
  public CompletableFuture<List<Appeal>> appeals(AppealStatus status, long fromId, int limit) {
    return reads.read(c -> AppealRows.page(c, status, fromId, limit));
  }

  @Override
  public CompletableFuture<List<ReviewRow>> reviewBaseBefore(Instant base, long offset, int limit) {
    return reads.read(c -> ReviewRows.rowsBefore(c, base, offset, limit));
  }

  @Override
  public CompletableFuture<Map<String, MonthCounts>> monthCounts() {
    return reads.read(ReviewRows::monthCounts);
  }

  @Override
  public CompletableFuture<Set<Long>> expiryRequisitions() {
    return reads.read(ReviewRows::expiryRequisitions);
  }
}
