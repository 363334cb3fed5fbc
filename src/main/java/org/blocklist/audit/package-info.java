/**
 * The audit chain as values, no I/O: every action is an {@link org.blocklist.audit.AuditEvent} with
 * canonical text; {@link org.blocklist.audit.ChainHead#chain} numbers events from the last one
 * stored and chains them ({@link org.blocklist.audit.AuditChain}: {@code h(n) = SHA-256(h(n-1) ||
 * bytes(n))}) into {@link org.blocklist.audit.ChainedEvent}s, which the store appends. Manifests
 * carry the chain hash of their approval event, so the signed log anchors the whole chain.
 *
 * <p>Imports: {@code log} (hashes) only.
 */
package org.blocklist.audit;
