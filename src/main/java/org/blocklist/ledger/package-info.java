/**
 * The ledger: the single writer and the state every reader sees. {@link
 * org.blocklist.ledger.Ledger} runs submissions, decisions and principal changes on one thread,
 * each in one store transaction; an approval commits the manifest, entries, signed checkpoint and
 * audit events together, then swaps the immutable {@link org.blocklist.ledger.LedgerState}
 * (entries, matcher, per-version changes, Merkle tree). {@link org.blocklist.ledger.LedgerVerifier}
 * rebuilds and checks that state from the store at start-up; {@link org.blocklist.ledger.Delta} is
 * the net change between two versions.
 */
package org.blocklist.ledger;
