package org.blocklist.verify;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.MerkleTree;

/**
 * Checks the audit chain, one served event at a time (DESIGN.md, "Audit events"): events numbered
 * from 1 without gaps, each text canonical and naming its own number, each served hash equal to
 * {@code h(n) = SHA-256(h(n-1) || bytes(n))} from {@code h(0)} = 32 zero bytes. And the chain
 * against the signed log: the approval events ({@code requisition-approved}) come in version order;
 * the one of version N has the chain hash that manifest N's {@code audit} line holds, approves the
 * requisition the manifest names, of a requisition submitted earlier ({@code
 * requisition-submitted}) with the manifest's action and as many domains as the manifest adds or
 * removes; each is followed by that version's {@code version-published} event, whose {@code leaf}
 * and {@code root} are the served manifest's leaf hash and the tree root at that size. A
 * requisition is decided (approved, rejected, withdrawn) at most once. Events of other types are
 * chained and counted only. Approvals of versions above the checkpoint (published after it was
 * read) are chained but not compared with any manifest. The requisitions' own rules are {@link
 * Requisitions}'.
 */
final class AuditCheck {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final List<Manifest> manifests;
  private final MerkleTree tree;
  private final long maxEvents;
  private final Requisitions requisitions = new Requisitions();
  private long next = 1;
  private Hash head = Hash.ZERO;
  private long approvedVersion;
  private long publishedVersion;
  private long lastAnchor;

  /**
   * @param manifests the verified manifests, version N at index N-1
   * @param tree the tree over them
   */
  AuditCheck(List<Manifest> manifests, MerkleTree tree, long maxEvents) {
    this.manifests = requireNonNull(manifests, "manifests");
    this.tree = requireNonNull(tree, "tree");
    this.maxEvents = maxEvents;
  }

  /** The number the next event must have. */
  long next() {
    return next;
  }

  void accept(ServedEvent e) throws VerificationException {
    String subject = "audit event " + e.seq();
    if (e.seq() != next) {
      throw VerificationException.mismatch(
          "audit events", "seq", next, "numbered from 1 without gaps", e.seq(), "the served event");
    }
    if (e.seq() > maxEvents) {
      throw new VerificationException(subject + ": more than " + maxEvents + " events (limit)");
    }
    Hash h = Hash.sha256(head.toByteArray(), e.text().getBytes(StandardCharsets.UTF_8));
    if (!HEX.matcher(e.hash()).matches()) {
      throw new VerificationException(
          subject + ": hash: " + Replay.quote(e.hash()) + " (expected: 64 lower-case hex digits)");
    }
    if (!Hash.fromHex(e.hash()).equals(h)) {
      throw VerificationException.mismatch(
          subject,
          "hash",
          e.hash(),
          "the served hash",
          h.hex(),
          "SHA-256 of h(" + (e.seq() - 1) + ") and the event text");
    }
    EventText event;
    try {
      event = EventText.parse(e.text());
      if (event.number("seq") != e.seq()) {
        throw VerificationException.mismatch(
            subject, "seq", e.seq(), "its number in the chain", event.number("seq"), "its text");
      }
      switch (event.type()) {
        case "requisition-submitted" -> requisitions.submitted(e.seq(), event);
        case "requisition-approved" -> approval(e.seq(), h, event);
        case "requisition-rejected" -> requisitions.rejected(e.seq(), event);
        case "requisition-withdrawn" -> requisitions.withdrawn(e.seq(), event);
        case "version-published" -> published(e.seq(), event);
        default -> {
          // chained and counted: principals, keys, start-up checks and types added later
        }
      }
    } catch (IllegalArgumentException x) {
      throw new VerificationException(subject + ": " + x.getMessage(), x);
    }
    head = h;
    next++;
  }

  /** After the last event: every version of the log has its approval and publication events. */
  AuditSummary finish() throws VerificationException {
    long size = manifests.size();
    if (approvedVersion < size) {
      Manifest m = manifests.get((int) approvedVersion);
      throw VerificationException.mismatch(
          VerificationException.version(m.version()),
          "audit",
          m.audit().hex(),
          "the signed manifest",
          "no approval event",
          "the " + (next - 1) + " served audit events");
    }
    if (publishedVersion < size) {
      throw new VerificationException(
          VerificationException.version(publishedVersion + 1)
              + ": audit: no version-published event in the "
              + (next - 1)
              + " served audit events");
    }
    return new AuditSummary(
        next - 1,
        head,
        requisitions.submittedCount(),
        requisitions.approvedCount(),
        requisitions.rejectedCount(),
        requisitions.withdrawnCount(),
        next - 1 - lastAnchor);
  }

  private void approval(long seq, Hash h, EventText event) throws VerificationException {
    long id = event.number("requisition");
    long version = event.number("version");
    Requisitions.Submitted r = requisitions.approved(seq, id);
    if (version != approvedVersion + 1) {
      throw VerificationException.mismatch(
          "audit event " + seq,
          "version",
          approvedVersion + 1,
          "the version after the last approved one",
          version,
          "the requisition-approved event");
    }
    approvedVersion = version;
    if (version > manifests.size()) {
      return;
    }
    Manifest m = manifests.get((int) version - 1);
    String subject = VerificationException.version(version);
    String from = "audit event " + seq + ", the approval of requisition " + id;
    if (!m.audit().equals(h)) {
      throw VerificationException.mismatch(
          subject,
          "audit",
          m.audit().hex(),
          "the signed manifest",
          h.hex(),
          "h(" + seq + ") of " + from);
    }
    if (m.requisition() != id) {
      throw VerificationException.mismatch(
          subject, "requisition", m.requisition(), "the signed manifest", id, from);
    }
    String submittedBy = "requisition-submitted audit event " + r.event();
    if (!m.action().equals(r.action())) {
      throw VerificationException.mismatch(
          subject, "action", m.action(), "the signed manifest", r.action(), submittedBy);
    }
    boolean block = Manifest.BLOCK.equals(m.action());
    long changed = block ? m.added() : m.removed();
    if (changed != r.domains()) {
      throw VerificationException.mismatch(
          subject,
          block ? "added" : "removed",
          changed,
          "the signed manifest",
          r.domains(),
          "the domains of " + submittedBy);
    }
    if (version == manifests.size()) {
      lastAnchor = seq;
    }
  }

  private void published(long seq, EventText event) throws VerificationException {
    long version = event.number("version");
    if (version != publishedVersion + 1 || version > approvedVersion) {
      throw new VerificationException(
          "audit event "
              + seq
              + ": version-published of version "
              + version
              + " (expected: version "
              + (publishedVersion + 1)
              + ", once, after its requisition-approved event)");
    }
    publishedVersion = version;
    if (version > manifests.size()) {
      return;
    }
    Manifest m = manifests.get((int) version - 1);
    String subject = VerificationException.version(version);
    String from = "version-published audit event " + seq;
    Hash leaf = hex(seq, event, "leaf");
    if (!leaf.equals(m.leafHash())) {
      throw VerificationException.mismatch(
          subject,
          "leaf",
          leaf.hex(),
          from,
          m.leafHash().hex(),
          "the leaf hash of the served manifest");
    }
    Hash root = hex(seq, event, "root");
    Hash computed = tree.root(version);
    if (!root.equals(computed)) {
      throw VerificationException.mismatch(
          subject,
          "root",
          root.hex(),
          from,
          computed.hex(),
          "the tree over the served manifests 1.." + version);
    }
  }

  private static Hash hex(long seq, EventText event, String key) throws VerificationException {
    String v = event.text(key);
    if (!HEX.matcher(v).matches()) {
      throw new VerificationException(
          "audit event " + seq + ": " + key + ": " + v + " (expected: 64 lower-case hex digits)");
    }
    return Hash.fromHex(v);
  }
}
