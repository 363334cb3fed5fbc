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
 * What the writer needs of the store (implemented by {@code org.blocklist.store}). Each write is
 * one transaction that commits everything it is given, or nothing, and appends {@code events} to
 * the audit chain only if the stored chain still ends where the first event was chained from (else
 * {@link ChainMovedException}, nothing written). Only one thread calls it: the writer's, or the
 * command line's.
 */
public interface LedgerStore {
  /** The last stored event ({@link ChainHead#EMPTY} before the first). */
  ChainHead chainHead() throws StoreException;

  Optional<Requisition> requisition(long id) throws StoreException;

  /** The highest requisition id stored, 0 if none. */
  long lastRequisitionId() throws StoreException;

  boolean principalExists(String name) throws StoreException;

  /** The principal of that name, if it exists and is not revoked. */
  Optional<Principal> activePrincipal(String name) throws StoreException;

  /** Stores a new pending requisition (with its id) and its submission event. */
  void insertRequisition(Requisition pending, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /** Stores the decision of a requisition that produced no version (rejected, withdrawn). */
  void decide(Requisition decided, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /**
   * Stores a published version: the approval, the manifest and checkpoint, the entries added and
   * removed, and its events, in one transaction.
   */
  void publish(
      Requisition approved,
      StoredVersion version,
      List<String> added,
      List<String> removed,
      List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  void addPrincipal(Principal principal, Hash tokenHash, Instant created, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  void revokePrincipal(String name, Instant revoked, List<ChainedEvent> events)
      throws StoreException, ChainMovedException;

  /** Appends events that accompany no other change (key created, start-up verified). */
  void appendEvents(List<ChainedEvent> events) throws StoreException, ChainMovedException;

  /** Stores the last delivery to each ISP (upsert). */
  void storeDeliveries(Map<String, Delivery> deliveries) throws StoreException;

  /**
   * The versions after {@code afterVersion} (at most {@code maxVersions}) with their changes, and
   * the events after {@code afterSeq}, in one consistent read: what a replica applies next.
   */
  StoredTail tail(long afterVersion, long afterSeq, int maxVersions) throws StoreException;

  /** The latest stored version, 0 if none. */
  long latestVersion() throws StoreException;

  /** Runs {@code work} over one consistent read of the whole history. */
  <T, E extends Exception> T readHistory(HistoryWork<T, E> work) throws StoreException, E;

  /** Work over the stored history; see {@link #readHistory}. */
  @FunctionalInterface
  interface HistoryWork<T, E extends Exception> {
    T run(History history) throws StoreException, E;
  }

  /** The stored history, read in one transaction. */
  interface History {
    /** Every stored version in version order. */
    List<StoredVersion> versions() throws StoreException;

    /** Every entry row, ordered by name then by the version that added it. */
    void entries(EntrySink sink) throws StoreException;

    /** Every stored event in sequence order. */
    <E extends Exception> void events(EventSink<E> sink) throws StoreException, E;

    /**
     * Every requisition row in id order with its domain rows, and every domain row whose
     * requisition has no row, in one pass over both tables.
     */
    <E extends Exception> void requisitions(RequisitionSink<E> sink) throws StoreException, E;

    /** Every principal row, revoked ones included, by name. */
    <E extends Exception> void principals(PrincipalSink<E> sink) throws StoreException, E;

    /** The last delivery to each ISP. */
    Map<String, Delivery> deliveries() throws StoreException;

    /** The last event of this read ({@link ChainHead#EMPTY} before the first). */
    ChainHead chainHead() throws StoreException;
  }

  /** Receives entry rows; {@code removed} is 0 while the entry is listed. */
  @FunctionalInterface
  interface EntrySink {
    void accept(String name, long added, long removed);
  }

  /** Receives stored events in order. */
  @FunctionalInterface
  interface EventSink<E extends Exception> {
    void accept(ChainedEvent event) throws E;
  }

  /** Receives requisition rows in id order, and domain rows that belong to no requisition row. */
  interface RequisitionSink<E extends Exception> {
    void requisition(StoredRequisition row) throws E;

    /** A {@code requisition_domains} row whose {@code requisition} has no requisition row. */
    void strayDomain(long requisition, long position, String name) throws E;
  }

  /** Receives principal rows. */
  @FunctionalInterface
  interface PrincipalSink<E extends Exception> {
    void accept(StoredPrincipal row) throws E;
  }
}
