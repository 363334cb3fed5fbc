package org.blocklist.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.isp.Delivery;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.requisition.Requisition;

/**
 * The writer's store, remembering the last event this writer committed: when it stops writing, that
 * is the head it has verified, from which it checks the events of the next writer.
 */
final class HeadTracking implements LedgerStore {
  private final LedgerStore store;
  private volatile ChainHead committed;

  HeadTracking(LedgerStore store, ChainHead committed) {
    this.store = store;
    this.committed = committed;
  }

  ChainHead committed() {
    return committed;
  }

  void reset(ChainHead head) {
    this.committed = head;
  }

  private void done(List<ChainedEvent> events) {
    if (!events.isEmpty()) {
      committed = ChainHead.of(events.get(events.size() - 1));
    }
  }

  @Override
  public ChainHead chainHead() throws StoreException {
    return store.chainHead();
  }

  @Override
  public Optional<Requisition> requisition(long id) throws StoreException {
    return store.requisition(id);
  }

  @Override
  public long lastRequisitionId() throws StoreException {
    return store.lastRequisitionId();
  }

  @Override
  public boolean principalExists(String name) throws StoreException {
    return store.principalExists(name);
  }

  @Override
  public Optional<Principal> activePrincipal(String name) throws StoreException {
    return store.activePrincipal(name);
  }

  @Override
  public void insertRequisition(Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.insertRequisition(pending, events);
    done(events);
  }

  @Override
  public void decide(Requisition decided, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.decide(decided, events);
    done(events);
  }

  @Override
  public void publish(
      Requisition approved,
      StoredVersion version,
      List<String> added,
      List<String> removed,
      List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.publish(approved, version, added, removed, events);
    done(events);
  }

  @Override
  public void addPrincipal(
      Principal principal, Hash tokenHash, Instant created, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.addPrincipal(principal, tokenHash, created, events);
    done(events);
  }

  @Override
  public void revokePrincipal(String name, Instant revoked, List<ChainedEvent> events)
      throws StoreException, ChainMovedException {
    store.revokePrincipal(name, revoked, events);
    done(events);
  }

  @Override
  public void appendEvents(List<ChainedEvent> events) throws StoreException, ChainMovedException {
    store.appendEvents(events);
    done(events);
  }

  @Override
  public void storeDeliveries(Map<String, Delivery> deliveries) throws StoreException {
    store.storeDeliveries(deliveries);
  }

  @Override
  public StoredTail tail(long afterVersion, long afterSeq, int maxVersions) throws StoreException {
    return store.tail(afterVersion, afterSeq, maxVersions);
  }

  @Override
  public long latestVersion() throws StoreException {
    return store.latestVersion();
  }

  @Override
  public <T, E extends Exception> T readHistory(HistoryWork<T, E> work) throws StoreException, E {
    return store.readHistory(work);
  }
}
