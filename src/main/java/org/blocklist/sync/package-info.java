/**
 * The ISP's sync agent ({@code blocklist sync}): keeps a verified copy of the list for the
 * resolvers, and nothing that does not verify. Start at {@link org.blocklist.sync.SyncAgent}: it
 * opens the state directory ({@code StateDirectory}, checked by {@code StoredState}), and each
 * attempt ({@code Synchronizer}) long-polls {@code /v1/delta} ({@code DeltaSource}), reads it with
 * a streaming parser ({@code DeltaParser}), verifies it against the trusted checkpoint ({@code
 * DeltaVerifier}: signature, rollback, fork, proofs, digests, counts), and only then commits the
 * new state and writes the output ({@code Output}: text, RPZ, Unbound, hosts) with atomic renames
 * ({@code AtomicFiles}). Refused rollbacks and forks leave evidence ({@code Evidence}); metrics are
 * {@code SyncMetrics}, served by {@code MetricsServer}. With {@code --serve-rpz} the verified copy
 * is also served as the RPZ zone ({@code RpzListener} over {@code AgentZone}), told of each
 * committed version through the synchronizer's {@code CommitListener}.
 *
 * <p>Imports: {@code feed}, {@code log}, {@code signing} (through {@code feed}), {@code domain}
 * (name syntax), {@code rpz} (the zone server) and {@code transport} (its sockets), and third-party
 * Jackson, Micrometer, Netty and SLF4J. It runs at the ISP: it never imports the server.
 */
package org.blocklist.sync;
