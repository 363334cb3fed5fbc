package org.blocklist.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.ledger.Records;
import org.blocklist.ledger.StoreException;
import org.blocklist.log.Hash;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;

/** {@link Records} on the reader pool: each read on a pool thread's own connection. */
public final class StoreRecords implements Records {
  private final ReadPool reads;

  public StoreRecords(ReadPool reads) {
    this.reads = requireNonNull(reads, "reads");
  }

  @Override
  public CompletableFuture<Optional<Requisition>> requisition(long id) {
    return reads.read(c -> RequisitionRows.get(c, id));
  }

  @Override
  public CompletableFuture<List<Requisition>> requisitions(Status status, long fromId, int limit) {
    return reads.read(c -> RequisitionRows.page(c, status, fromId, limit));
  }

  @Override
  public CompletableFuture<List<ChainedEvent>> events(long fromSeq, int limit) {
    return reads.read(c -> EventRows.page(c, fromSeq, limit));
  }

  @Override
  public CompletableFuture<List<Principal>> principals(Role role) {
    return reads.read(c -> PrincipalRows.withRole(c, role));
  }

  /**
   * The active principal holding the token of this hash, read on the calling thread, which must be
   * one of the pool's (the authenticator's cache loader runs there).
   */
  public Optional<Principal> principalByTokenHash(Hash tokenHash) throws StoreException {
    return reads.readHere(c -> PrincipalRows.byTokenHash(c, tokenHash));
  }

  /**
   * The active principal called {@code name} (a client certificate's CN), read on the calling
   * thread, which must be one of the pool's.
   */
  public Optional<Principal> activePrincipal(String name) throws StoreException {
    return reads.readHere(c -> PrincipalRows.active(c, name));
  }
}
