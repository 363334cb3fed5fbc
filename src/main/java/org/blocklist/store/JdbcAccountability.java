package org.blocklist.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.blocklist.accountability.Appeal;
import org.blocklist.accountability.Report;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.ledger.AccountabilityStore;
import org.blocklist.ledger.ChainMovedException;
import org.blocklist.ledger.StoreException;
import org.blocklist.requisition.Requisition;

/**
 * {@link AccountabilityStore} on the writer's connection (SQLite or PostgreSQL), one transaction
 * per write.
 */
final class JdbcAccountability implements AccountabilityStore {
  private final JdbcStore store;

  JdbcAccountability(JdbcStore store) {
    this.store = store;
  }

  @Override
  public long lastReportId() throws StoreException {
    return store.read(ReportRows::lastId);
  }

  @Override
  public long lastAppealId() throws StoreException {
    return store.read(AppealRows::lastId);
  }

  @Override
  public Optional<Report> report(long id) throws StoreException {
    return store.read(c -> ReportRows.get(c, id));
  }

  @Override
  public Optional<Appeal> appeal(long id) throws StoreException {
    return store.read(c -> AppealRows.get(c, id));
  }

  @Override
  public Optional<Long> addedBy(String name) throws StoreException {
    return store.read(c -> ReviewRows.addedBy(c, name));
  }

  @Override
  public void insertReport(Report report, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.write(
        events,
        true,
        c -> {
          ReportRows.insert(c, report);
          return null;
        });
  }

  @Override
  public void triageReport(Report report, Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.write(
        events,
        true,
        c -> {
          if (pending != null) {
            RequisitionRows.insert(c, pending);
          }
          ReportRows.updateTriage(c, report);
          return null;
        });
  }

  @Override
  public void insertAppeal(Appeal appeal, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.write(
        events,
        true,
        c -> {
          AppealRows.insert(c, appeal);
          return null;
        });
  }

  @Override
  public void answerAppeal(Appeal appeal, Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.write(
        events,
        true,
        c -> {
          if (pending != null) {
            RequisitionRows.insert(c, pending);
          }
          AppealRows.updateAnswer(c, appeal);
          return null;
        });
  }

  @Override
  public void renew(List<String> names, Instant renewed, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.write(
        events,
        true,
        c -> {
          ReviewRows.renew(c, names, renewed);
          return null;
        });
  }

  @Override
  public List<String> reviewBaseBefore(Instant base, int limit) throws StoreException {
    return store.read(c -> ReviewRows.namesBefore(c, base, limit));
  }
}
