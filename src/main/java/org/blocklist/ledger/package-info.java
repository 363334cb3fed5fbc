/**
 * The ledger: the single writer and the ports it and the faces need of the store. Start at {@link
 * org.blocklist.ledger.Ledger}: each change runs on one thread as rules ({@code requisition}), pure
 * computation of the next {@code ListState}, manifest, signed checkpoint and audit events, then one
 * {@link org.blocklist.ledger.LedgerStore} call that commits it all, then the swap. {@link
 * org.blocklist.ledger.LedgerVerifier} rebuilds and checks the state from the stored history at
 * start-up; {@link org.blocklist.ledger.Principals} adds and revokes principals for the writer and
 * the command line alike; {@link org.blocklist.ledger.Records} is the read port of the faces.
 * {@link org.blocklist.ledger.Desk} does the accountability writes (reports, renewals, expiry,
 * appeals) on the same writer, over the {@code AccountabilityStore} port; {@code
 * AccountabilityRecords} is their read port.
 *
 * <p>Imports: {@code state}, {@code accountability}, {@code requisition}, {@code audit}, {@code
 * auth}, {@code isp}, {@code principal}, {@code domain}, {@code log}, {@code signing}; never {@code
 * store} (which implements these ports) or a face.
 */
package org.blocklist.ledger;
