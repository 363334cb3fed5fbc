package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.audit.ChainHead;
import org.blocklist.audit.ChainedEvent;
import org.blocklist.audit.EventType;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/**
 * Applies what another replica wrote ({@link StoredTail}) to a verified state, checking it as
 * {@link LedgerVerifier} checks the whole history at start: the events chain from the verified
 * head; each new manifest parses, is the next version of this origin, and its counts, changes and
 * list digests are those of the stored changes applied to the state before; the recomputed tree
 * root is the one of its checkpoint, whose signature verifies with the log key; its {@code audit}
 * line is the chain hash of its approval event, and its {@code version-published} event names its
 * leaf and root. Rows that no signature covers (requisitions, principals) are checked at the next
 * start.
 */
final class TailVerifier {
  /** A verified state and the chain head verified with it. */
  record Verified(ListState state, ChainHead head) {
    Verified {
      requireNonNull(state, "state");
      requireNonNull(head, "head");
    }
  }

  private TailVerifier() {}

  static Verified apply(Verified from, StoredTail tail, LedgerKeys keys)
      throws VerificationException {
    ChainHead head = from.head();
    Map<Long, Hash> approvals = new HashMap<>();
    Map<Long, Map<String, String>> published = new HashMap<>();
    for (ChainedEvent e : tail.events()) {
      Map<String, String> fields =
          LedgerVerifier.link(head.seq() + 1, head.hash(), e.seq(), e.text(), e.hash());
      Hash h = e.hash();
      if (EventType.REQUISITION_APPROVED.code().equals(fields.get("type"))) {
        approvals.put(AuditedRows.number(e.seq(), fields, "version"), h);
      }
      if (EventType.VERSION_PUBLISHED.code().equals(fields.get("type"))) {
        published.put(AuditedRows.number(e.seq(), fields, "version"), fields);
      }
      head = new ChainHead(e.seq(), h);
    }
    ListState state = from.state();
    for (StoredVersion row : tail.versions()) {
      state = next(state, row, tail, keys, approvals, published);
    }
    return new Verified(state, head);
  }

  private static ListState next(
      ListState before,
      StoredVersion row,
      StoredTail tail,
      LedgerKeys keys,
      Map<Long, Hash> approvals,
      Map<Long, Map<String, String>> published)
      throws VerificationException {
    long v = before.version() + 1;
    Manifest m = LedgerVerifier.manifest(row, v, keys.origin());
    List<String> added = tail.added(v);
    List<String> removed = tail.removed(v);
    for (String name : added) {
      if (before.isListed(name)) {
        throw new VerificationException("version " + v + ": adds " + name + ", already listed");
      }
    }
    for (String name : removed) {
      if (!before.isListed(name)) {
        throw new VerificationException("version " + v + ": removes " + name + ", not listed");
      }
    }
    ListState.Successor next = before.successor(added, removed);
    if (!next.changesDigest().equals(m.changes())
        || !next.listDigest().equals(m.list())
        || added.size() != m.added()
        || removed.size() != m.removed()
        || next.entryCount() != m.entries()) {
      throw new VerificationException(
          "version "
              + v
              + ": stored entries give +"
              + added.size()
              + " -"
              + removed.size()
              + " ("
              + next.entryCount()
              + " entries, list "
              + next.listDigest().hex()
              + ") but the signed manifest says +"
              + m.added()
              + " -"
              + m.removed()
              + " ("
              + m.entries()
              + " entries, list "
              + m.list().hex()
              + ")");
    }
    Hash root = next.rootWith(m.leafHash());
    LedgerVerifier.checkCheckpoint(row, root, keys);
    Hash approval = approvals.get(v);
    if (approval == null || !approval.equals(m.audit())) {
      throw new VerificationException(
          "version "
              + v
              + ": manifest audit "
              + m.audit().hex()
              + (approval == null
                  ? " but no requisition-approved event of it follows the verified chain"
                  : " but the chain hash of its approval event is " + approval.hex()));
    }
    Map<String, String> p = published.get(v);
    if (p == null
        || !m.leafHash().hex().equals(p.get("leaf"))
        || !root.hex().equals(p.get("root"))) {
      throw new VerificationException(
          "version "
              + v
              + ": its version-published event is missing or names another leaf or root");
    }
    return next.publish(new VersionRecord(m, row.checkpoint(), added, removed));
  }
}
