/**
 * The auditor's verifier, {@code blocklist verify}: reads a whole history from the server (or from
 * an archive of an earlier run), replays it from the empty list and checks every signed digest,
 * count, the audit chain and the tree root against the signed checkpoint, naming the first thing
 * that does not verify. Start at {@link org.blocklist.verify.Verifier}; the checks are {@code
 * ManifestLog}, {@code Replay} (with {@code ReplayedList}, the replayed list in shared chunks, and
 * {@code ListDigests}), {@code AuditCheck} (with {@code Requisitions}), {@code TransparencyCheck}
 * (the public figures recounted); the sources are {@code ServerSource}, {@code ArchiveSource} and
 * {@code ArchivingSource}, over the layout of {@code Archive}.
 *
 * <p>Imports: {@code feed} (bounded HTTP, the trusted key), {@code log} (manifests, tree, digests),
 * {@code domain} (canonical names). Runs at the auditor: it never imports the server; the audit
 * chain rule is implemented here from DESIGN.md.
 */
package org.blocklist.verify;
