package org.blocklist.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.blocklist.feed.FeedException;
import org.blocklist.feed.FeedException.Reason;
import org.blocklist.feed.Trust;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.ListTexts;
import org.blocklist.log.Manifest;
import org.blocklist.log.ManifestFormatException;
import org.blocklist.log.ProofException;
import org.blocklist.log.ProofVerifier;

/**
 * Checks a delta against what the agent trusts, before anything is applied, in this order: the
 * checkpoint's signature and origin; that it is not smaller than the trusted one ({@code
 * ROLLBACK}); that its tree extends the trusted tree (same size: same root; larger: the consistency
 * proof; else {@code FORK}), so that a replayed old answer is shown as a rollback; that {@code
 * from} and {@code to} are those asked for and signed; the manifest (strictly parsed, origin and
 * version); its inclusion as the tree's last leaf; then the list after the delta: every added name
 * new, every removed name listed, the count equal to the manifest's {@code entries} and the
 * snapshot digest to its {@code list}. When the delta covers one version ({@code from == to - 1})
 * the changes are that version's, so their counts and digest are checked against {@code added},
 * {@code removed} and {@code changes} too; across several versions only the net result can be
 * checked (the final list fixes every name in it).
 */
final class DeltaVerifier {
  /** Gives the consistency proof between two tree sizes (the delta's own, or fetched). */
  @FunctionalInterface
  interface ConsistencyProofs {
    List<Hash> between(long size1, long size2) throws FeedException;
  }

  private final Trust trust;
  private final int maxNames;

  DeltaVerifier(Trust trust, int maxNames) {
    this.trust = requireNonNull(trust, "trust");
    this.maxNames = maxNames;
  }

  /**
   * Verifies {@code delta}, asked from version {@code from} whose list is {@code base}, against the
   * trusted checkpoint {@code anchor} (the version {@code from} itself, or a later one when the
   * agent resyncs from 0 after its stored list was lost), and returns the new trusted state.
   */
  TrustedState verify(
      Checkpoint anchor, long from, EntryList base, DeltaMessage delta, ConsistencyProofs proofs)
      throws FeedException {
    Checkpoint cp = trust.verify(delta.checkpoint());
    if (cp.size() < anchor.size()) {
      throw new FeedException(
          Reason.ROLLBACK,
          "checkpoint size: "
              + cp.size()
              + " (expected: at least "
              + anchor.size()
              + ", the trusted checkpoint's): the server's log went back");
    }
    checkExtends(anchor, cp, proofs);
    if (delta.from() != from) {
      throw new FeedException(
          Reason.MALFORMED,
          "delta from: " + delta.from() + " (expected: " + from + ", the version asked for)");
    }
    if (delta.to() != cp.size()) {
      throw new FeedException(
          Reason.MALFORMED,
          "delta to: " + delta.to() + " (expected: " + cp.size() + ", the checkpoint's size)");
    }
    Optional<Manifest> manifest = manifest(cp, delta);
    EntryList list = base.apply(delta.added(), delta.removed(), from, maxNames);
    if (manifest.isEmpty()) {
      if (list.size() != 0) {
        throw new FeedException(
            Reason.PROOF, "delta: " + list.size() + " names at version 0 (expected: none)");
      }
    } else {
      checkList(manifest.get(), list, delta, from);
    }
    return new TrustedState(delta.checkpoint(), cp, manifest, delta.inclusion(), list);
  }

  private static void checkExtends(Checkpoint anchor, Checkpoint cp, ConsistencyProofs proofs)
      throws FeedException {
    if (cp.size() == anchor.size()) {
      if (!cp.root().equals(anchor.root())) {
        throw new FeedException(
            Reason.FORK,
            "checkpoint root at size "
                + cp.size()
                + ": "
                + cp.root()
                + " (expected: "
                + anchor.root()
                + ", the trusted root of the same size): two different logs signed by one key");
      }
      return;
    }
    if (anchor.size() == 0) {
      return;
    }
    try {
      ProofVerifier.verifyConsistency(
          anchor.size(),
          cp.size(),
          anchor.root(),
          cp.root(),
          proofs.between(anchor.size(), cp.size()));
    } catch (ProofException e) {
      throw new FeedException(
          Reason.FORK,
          "consistency from the trusted size "
              + anchor.size()
              + " to "
              + cp.size()
              + " does not verify: "
              + e.getMessage(),
          e);
    }
  }

  private Optional<Manifest> manifest(Checkpoint cp, DeltaMessage delta) throws FeedException {
    if (cp.size() == 0) {
      if (!delta.manifest().isEmpty() || !delta.inclusion().isEmpty()) {
        throw new FeedException(
            Reason.MALFORMED, "delta at version 0: a manifest or inclusion proof (expected: none)");
      }
      return Optional.empty();
    }
    Manifest m;
    try {
      m = Manifest.parse(delta.manifest());
    } catch (ManifestFormatException e) {
      throw new FeedException(Reason.MALFORMED, "manifest: " + e.getMessage(), e);
    }
    if (!m.origin().equals(trust.origin())) {
      throw new FeedException(
          Reason.PROOF,
          "manifest origin: "
              + m.origin()
              + " (expected: "
              + trust.origin()
              + ", the pinned key's)");
    }
    if (m.version() != cp.size()) {
      throw new FeedException(
          Reason.PROOF,
          "manifest version: "
              + m.version()
              + " (expected: "
              + cp.size()
              + ", the checkpoint's size)");
    }
    try {
      ProofVerifier.verifyInclusion(
          cp.size() - 1, cp.size(), m.leafHash(), delta.inclusion(), cp.root());
    } catch (ProofException e) {
      throw new FeedException(
          Reason.PROOF,
          "manifest of version "
              + m.version()
              + " is not the last leaf of the signed tree: "
              + e.getMessage(),
          e);
    }
    return Optional.of(m);
  }

  private static void checkList(Manifest m, EntryList list, DeltaMessage delta, long from)
      throws FeedException {
    if (list.size() != m.entries()) {
      throw new FeedException(
          Reason.PROOF,
          "entries after the delta: "
              + list.size()
              + " (expected: "
              + m.entries()
              + ", the manifest of version "
              + m.version()
              + ")");
    }
    Hash digest = list.digest();
    if (!digest.equals(m.list())) {
      throw new FeedException(
          Reason.PROOF,
          "list digest after the delta: computed "
              + digest
              + " (expected: "
              + m.list()
              + ", the manifest of version "
              + m.version()
              + ")");
    }
    if (from != m.version() - 1) {
      return;
    }
    if (delta.added().size() != m.added() || delta.removed().size() != m.removed()) {
      throw new FeedException(
          Reason.PROOF,
          "changes of version "
              + m.version()
              + ": +"
              + delta.added().size()
              + " -"
              + delta.removed().size()
              + " (expected: +"
              + m.added()
              + " -"
              + m.removed()
              + ", the manifest's)");
    }
    Hash changes = ListTexts.changesDigest(delta.added(), delta.removed());
    if (!changes.equals(m.changes())) {
      throw new FeedException(
          Reason.PROOF,
          "changes digest of version "
              + m.version()
              + ": computed "
              + changes
              + " (expected: "
              + m.changes()
              + ", the manifest's)");
    }
  }
}
