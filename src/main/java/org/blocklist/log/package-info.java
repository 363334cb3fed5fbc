/**
 * The log: every version of the list is a leaf of an append-only RFC 6962 Merkle tree, so that ISPs
 * and auditors can check that each version they receive extends the history they already trust, and
 * that no version was rewritten.
 *
 * <p>Where to start:
 *
 * <ul>
 *   <li>{@link org.blocklist.log.Manifest} is the leaf of version N: a small text (origin, version,
 *       time, requisition, counts and the SHA-256 of the list, the changes and the audit chain),
 *       with a strict parser for untrusted copies;
 *   <li>{@link org.blocklist.log.MerkleTree} holds the leaf hashes (version N at index N - 1) and
 *       computes roots, inclusion proofs and consistency proofs in O(log² n), for one writer and
 *       any number of concurrent readers;
 *   <li>{@link org.blocklist.log.ProofVerifier} checks those proofs on the client side; it throws
 *       {@link org.blocklist.log.ProofException} on any failure;
 *   <li>{@link org.blocklist.log.Checkpoint} is the body of the C2SP tlog-checkpoint that commits
 *       to the tree of version N ({@code org.blocklist.signing} wraps it in a signed note);
 *   <li>{@link org.blocklist.log.TreeHashes} and {@link org.blocklist.log.Hash} are the RFC 6962
 *       hashes and the SHA-256 value type they produce.
 * </ul>
 *
 * <p>References: <a href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962 section
 * 2.1</a>, <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 section 2.1</a>,
 * <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>.
 *
 * <p>Ground floor: imports nothing of ours.
 */
package org.blocklist.log;
