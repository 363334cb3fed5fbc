package org.blocklist.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.Report;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.requisition.Requisition;

/**
 * What the writer's {@link Desk} needs of the store for reports, reviews and appeals (implemented
 * by {@code org.blocklist.store}). As with {@link LedgerStore}, each write is one transaction that
 * appends {@code events} only if the stored chain still ends where they were chained from (else
 * {@link ChainMovedException}, nothing written). Writer thread only.
 */
public interface AccountabilityStore {
  /** The highest report id stored, 0 if none. */
  long lastReportId() throws StoreException;

  /** The highest appeal id stored, 0 if none. */
  long lastAppealId() throws StoreException;

  Optional<Report> report(long id) throws StoreException;

  Optional<Appeal> appeal(long id) throws StoreException;

  /** The requisition whose approval added the listed entry {@code name}, if it has a review row. */
  Optional<Long> addedBy(String name) throws StoreException;

  void insertReport(Report report, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /**
   * Stores the triage of {@code report}; {@code pending} (null for a dismissal) is the requisition
   * it became, inserted in the same transaction.
   */
  void triageReport(Report report, Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  void insertAppeal(Appeal appeal, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /** Stores the answer of {@code appeal}; {@code pending} (null unless unblock) likewise. */
  void answerAppeal(Appeal appeal, Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /** Moves the review base of listed {@code names} to {@code renewed}. */
  void renew(List<String> names, Instant renewed, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /**
   * At most {@code limit} listed names whose review base (the last renewal, else the approval that
   * added them) is before {@code base}, sorted by name.
   */
  List<String> reviewBaseBefore(Instant base, int limit) throws StoreException;
}
