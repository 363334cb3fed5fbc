/**
 * The audit chain: every action is an {@link org.blocklist.audit.AuditEvent} with canonical text,
 * numbered from 1 and chained by {@link org.blocklist.audit.AuditChain} ({@code h(n) =
 * SHA-256(h(n-1) || bytes(n))}). {@link org.blocklist.audit.AuditLog} appends inside a store
 * transaction. Manifests carry the chain head of their approval event, so the signed log anchors
 * the whole chain.
 */
package org.blocklist.audit;
