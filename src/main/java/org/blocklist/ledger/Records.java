package org.blocklist.ledger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Requisition;
import org.blocklist.requisition.Status;

/**
 * The reads that faces make of stored records (implemented by {@code org.blocklist.store} on its
 * reader threads): never on an event loop, never behind the writer. A full reader queue fails the
 * future at once with {@link java.util.concurrent.RejectedExecutionException}; a store failure with
 * {@link StoreException}.
 */
public interface Records {
  CompletableFuture<Optional<Requisition>> requisition(long id);

  /** Requisitions with {@code id >= fromId}, of {@code status} (any when null), in id order. */
  CompletableFuture<List<Requisition>> requisitions(Status status, long fromId, int limit);

  /** Events with {@code seq >= fromSeq}, in order. */
  CompletableFuture<List<ChainedEvent>> events(long fromSeq, int limit);

  /** Active principals of {@code role}, by name. */
  CompletableFuture<List<Principal>> principals(Role role);
}
