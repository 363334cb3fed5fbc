package org.blocklist.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.audit.AuditChain;
import org.blocklist.audit.EventType;
import org.blocklist.domain.DomainName;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.CheckpointFormatException;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.ManifestFormatException;
import org.blocklist.log.MerkleTree;
import org.blocklist.log.TreeHashes;
import org.blocklist.signing.NoteFormatException;
import org.blocklist.signing.SignatureException;
import org.blocklist.signing.SignedNote;
import org.blocklist.state.ListState;
import org.blocklist.state.VersionRecord;

/**
 * Rebuilds the in-memory state from the store and checks it against what was signed, before the
 * service serves anything:
 *
 * <ol>
 *   <li>every manifest parses strictly, with consecutive versions and this log's origin;
 *   <li>the Merkle tree recomputed over the manifests has, at every size, the root of the stored
 *       checkpoint, whose signature verifies with the log key;
 *   <li>the audit chain recomputes event by event, each manifest's {@code audit} line is the chain
 *       hash of the approval event of its version, and every approval event's version is in the
 *       log;
 *   <li>every requisition row (with its domains and decision) and every principal row gives the
 *       fields of the events that describe it, and every such event has its row ({@link
 *       AuditedRows});
 *   <li>the entry rows give, for every version, changes whose digest and counts are those of its
 *       manifest, and the latest list hashes to the latest manifest's {@code list}.
 * </ol>
 *
 * <p>Every intermediate list is then fixed too: list(N-1) is list(N) less the names added in N plus
 * the names removed in N, all of which are checked; so no row can change without changing a signed
 * digest. This costs one pass over the rows instead of hashing every version's full list.
 */
public final class LedgerVerifier {
  private static final int EVENT_PAGE = 10_000;

  private LedgerVerifier() {}

  public static ListState verify(LedgerStore.History c, LedgerKeys keys)
      throws StoreException, VerificationException {
    List<StoredVersion> rows = c.versions();
    List<Manifest> manifests = manifests(rows, keys.origin());
    MerkleTree tree = new MerkleTree();
    List<Hash> roots = new ArrayList<>(manifests.size());
    for (Manifest m : manifests) {
      tree.append(m.leafHash());
      StoredVersion row = rows.get((int) m.version() - 1);
      Hash root = tree.root(m.version());
      roots.add(root);
      checkCheckpoint(row, root, keys);
    }
    AuditedRows audited = new AuditedRows();
    Map<Long, Published> published = new LinkedHashMap<>();
    Map<Long, Approval> approvals = auditChain(c, audited, published);
    for (Manifest m : manifests) {
      Approval approval = approvals.get(m.version());
      if (approval == null) {
        throw new VerificationException(
            "version " + m.version() + ": no requisition-approved event in the audit chain");
      }
      if (!approval.hash().equals(m.audit())) {
        throw new VerificationException(
            "version "
                + m.version()
                + ": manifest audit "
                + m.audit().hex()
                + " but the chain hash of its approval event is "
                + approval.hash().hex());
      }
    }
    for (Map.Entry<Long, Approval> e : approvals.entrySet()) {
      if (e.getKey() < 1 || e.getKey() > manifests.size()) {
        throw new VerificationException(
            "audit chain: event "
                + e.getValue().seq()
                + " approves requisition "
                + e.getValue().requisition()
                + " as version "
                + e.getKey()
                + ", which the log does not hold (latest: "
                + manifests.size()
                + ")");
      }
    }
    checkPublished(manifests, roots, published);
    audited.checkRequisitions(c);
    audited.checkPrincipals(c);
    Changes changes = Changes.read(c, manifests.size());
    VersionRecord[] records = new VersionRecord[manifests.size()];
    long count = 0;
    for (Manifest m : manifests) {
      int v = (int) m.version();
      List<String> added = changes.added(v);
      List<String> removed = changes.removed(v);
      count += added.size() - removed.size();
      Hash digest = ListState.changesDigest(added, removed);
      if (!digest.equals(m.changes())
          || added.size() != m.added()
          || removed.size() != m.removed()
          || count != m.entries()) {
        throw new VerificationException(
            "version "
                + v
                + ": stored entries give +"
                + added.size()
                + " -"
                + removed.size()
                + " ("
                + count
                + " entries, changes "
                + digest.hex()
                + ") but the signed manifest"
                + " says +"
                + m.added()
                + " -"
                + m.removed()
                + " ("
                + m.entries()
                + " entries, changes "
                + m.changes().hex()
                + ")");
      }
      records[v - 1] = new VersionRecord(m, rows.get(v - 1).checkpoint(), added, removed);
    }
    ListState state =
        ListState.of(
            List.of(records),
            tree,
            changes.current(),
            records.length == 0
                ? keys.signCheckpoint(new Checkpoint(keys.origin(), 0, TreeHashes.EMPTY_ROOT))
                : records[records.length - 1].checkpoint());
    if (!manifests.isEmpty()) {
      Manifest latest = manifests.get(manifests.size() - 1);
      Hash list = state.listDigest();
      if (!list.equals(latest.list())) {
        throw new VerificationException(
            "version "
                + latest.version()
                + ": the stored list hashes to "
                + list.hex()
                + " but the signed manifest says "
                + latest.list().hex());
      }
    }
    return state;
  }

  private static List<Manifest> manifests(List<StoredVersion> rows, String origin)
      throws VerificationException {
    List<Manifest> out = new ArrayList<>(rows.size());
    for (StoredVersion row : rows) {
      out.add(manifest(row, out.size() + 1, origin));
    }
    return out;
  }

  /**
   * The manifest of {@code row}, which must be version {@code expected} of {@code origin}: the next
   * of a contiguous history.
   */
  static Manifest manifest(StoredVersion row, long expected, String origin)
      throws VerificationException {
    if (row.version() != expected) {
      throw new VerificationException(
          "versions table: version " + row.version() + " where " + expected + " was expected");
    }
    Manifest m;
    try {
      m = Manifest.parse(row.manifest());
    } catch (ManifestFormatException e) {
      throw new VerificationException(
          "version " + row.version() + ": manifest does not parse: " + e.getMessage(), e);
    }
    if (m.version() != row.version() || !m.origin().equals(origin)) {
      throw new VerificationException(
          "version "
              + row.version()
              + ": manifest is of version "
              + m.version()
              + " of origin "
              + m.origin()
              + " (expected: origin "
              + origin
              + ")");
    }
    return m;
  }

  static void checkCheckpoint(StoredVersion row, Hash root, LedgerKeys keys)
      throws VerificationException {
    try {
      SignedNote note = SignedNote.parse(row.checkpoint());
      note.verify(keys.verifierKey());
      Checkpoint cp = Checkpoint.parseBody(note.text());
      if (!cp.origin().equals(keys.origin()) || cp.size() != row.version()) {
        throw new VerificationException(
            "version "
                + row.version()
                + ": checkpoint is for "
                + cp.origin()
                + " size "
                + cp.size());
      }
      if (!cp.root().equals(root)) {
        throw new VerificationException(
            "version "
                + row.version()
                + ": recomputed tree root "
                + root.hex()
                + " but the signed checkpoint says "
                + cp.root().hex());
      }
    } catch (NoteFormatException | CheckpointFormatException | SignatureException e) {
      throw new VerificationException(
          "version " + row.version() + ": checkpoint does not verify: " + e.getMessage(), e);
    }
  }

  /** An approval event: its number, the requisition it approves and its chain hash. */
  private record Approval(long seq, long requisition, Hash hash) {}

  private record Published(long seq, String leaf, String root) {}

  /**
   * Recomputes the chain, handing each event to {@code audited}; returns, per version in chain
   * order, its approval event.
   */
  /**
   * Each version has one {@code version-published} event, naming its leaf and the tree root at its
   * size. The events are chained, and the chain is anchored by the next version's manifest, but the
   * last one is anchored by nothing yet: this check covers it.
   */
  private static void checkPublished(
      List<Manifest> manifests, List<Hash> roots, Map<Long, Published> published)
      throws VerificationException {
    for (Manifest m : manifests) {
      Published p = published.get(m.version());
      if (p == null) {
        throw new VerificationException(
            "version " + m.version() + ": no version-published event in the audit chain");
      }
      String leaf = m.leafHash().hex();
      String root = roots.get((int) m.version() - 1).hex();
      if (!p.leaf().equals(leaf) || !p.root().equals(root)) {
        throw new VerificationException(
            "audit chain: event "
                + p.seq()
                + " (version-published) says version "
                + m.version()
                + " has leaf "
                + p.leaf()
                + " and root "
                + p.root()
                + " but the log gives leaf "
                + leaf
                + " and root "
                + root);
      }
    }
    for (Map.Entry<Long, Published> e : published.entrySet()) {
      if (e.getKey() < 1 || e.getKey() > manifests.size()) {
        throw new VerificationException(
            "audit chain: event "
                + e.getValue().seq()
                + " publishes version "
                + e.getKey()
                + ", which the log does not hold (latest: "
                + manifests.size()
                + ")");
      }
    }
  }

  /**
   * One link of the audit chain, for the whole-history check at start and a replica's check of each
   * new tail: event {@code seq} must be {@code expectedSeq}, its text must chain from {@code
   * previous} to the {@code stored} hash, and its fields must be canonical and name that seq.
   * Returns the fields.
   */
  static Map<String, String> link(
      long expectedSeq, Hash previous, long seq, String text, Hash stored)
      throws VerificationException {
    if (seq != expectedSeq) {
      throw new VerificationException(
          "audit chain: event " + seq + " where " + expectedSeq + " was expected");
    }
    Hash h = AuditChain.next(previous, text);
    if (!h.equals(stored)) {
      throw new VerificationException(
          "audit chain: event "
              + seq
              + " hashes to "
              + h.hex()
              + " but "
              + stored.hex()
              + " is stored");
    }
    Map<String, String> fields;
    try {
      fields = AuditChain.fields(text);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("audit chain: event " + seq + ": " + e.getMessage());
    }
    if (!String.valueOf(seq).equals(fields.get("seq"))) {
      throw new VerificationException("audit chain: event " + seq + " names another seq");
    }
    return fields;
  }

  private static Map<Long, Approval> auditChain(
      LedgerStore.History c, AuditedRows audited, Map<Long, Published> published)
      throws StoreException, VerificationException {
    Map<Long, Approval> approvals = new LinkedHashMap<>();
    long[] expectedSeq = {1};
    Hash[] head = {Hash.ZERO};
    c.<VerificationException>events(
        row -> {
          Map<String, String> fields =
              link(expectedSeq[0], head[0], row.seq(), row.text(), row.hash());
          Hash h = row.hash();
          if (EventType.REQUISITION_APPROVED.code().equals(fields.get("type"))) {
            long version = AuditedRows.number(row.seq(), fields, "version");
            Approval approval =
                new Approval(row.seq(), AuditedRows.number(row.seq(), fields, "requisition"), h);
            Approval earlier = approvals.putIfAbsent(version, approval);
            if (earlier != null) {
              throw new VerificationException(
                  "audit chain: event "
                      + row.seq()
                      + " approves version "
                      + version
                      + " again (first: event "
                      + earlier.seq()
                      + ")");
            }
          }
          if (EventType.VERSION_PUBLISHED.code().equals(fields.get("type"))) {
            long version = AuditedRows.number(row.seq(), fields, "version");
            Published earlier =
                published.putIfAbsent(
                    version,
                    new Published(
                        row.seq(),
                        String.valueOf(fields.get("leaf")),
                        String.valueOf(fields.get("root"))));
            if (earlier != null) {
              throw new VerificationException(
                  "audit chain: event "
                      + row.seq()
                      + " publishes version "
                      + version
                      + " again (first: event "
                      + earlier.seq()
                      + ")");
            }
          }
          audited.event(row.seq(), fields);
          head[0] = h;
          expectedSeq[0]++;
        });
    return approvals;
  }

  /** Per-version added and removed names, and the current list, from the entry rows. */
  private static final class Changes {
    private final List<List<String>> added;
    private final List<List<String>> removed;
    private final List<String> current = new ArrayList<>();

    private Changes(int versions) {
      added = new ArrayList<>(versions + 1);
      removed = new ArrayList<>(versions + 1);
      for (int v = 0; v <= versions; v++) {
        added.add(new ArrayList<>());
        removed.add(new ArrayList<>());
      }
    }

    static Changes read(LedgerStore.History c, int versions)
        throws StoreException, VerificationException {
      Changes changes = new Changes(versions);
      String[] previousName = {null};
      long[] previousRemoved = {0};
      VerificationException[] failure = {null};
      c.entries(
          (name, added, removed) -> {
            if (failure[0] != null) {
              return;
            }
            String problem = check(name, added, removed, versions);
            if (problem == null && name.equals(previousName[0])) {
              if (previousRemoved[0] == 0 || previousRemoved[0] >= added) {
                problem = "overlaps an earlier row of the same name";
              }
            }
            if (problem != null) {
              failure[0] =
                  new VerificationException(
                      "entries table: row ("
                          + name
                          + ", added "
                          + added
                          + ", removed "
                          + (removed == 0 ? "null" : removed)
                          + "): "
                          + problem);
              return;
            }
            previousName[0] = name;
            previousRemoved[0] = removed;
            changes.added.get((int) added).add(name);
            if (removed == 0) {
              changes.current.add(name);
            } else {
              changes.removed.get((int) removed).add(name);
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      return changes;
    }

    private static String check(String name, long added, long removed, int versions) {
      try {
        new DomainName(name);
      } catch (IllegalArgumentException e) {
        return "not a canonical name";
      }
      if (added < 1 || added > versions) {
        return "added outside 1.." + versions;
      }
      if (removed != 0 && (removed <= added || removed > versions)) {
        return "removed outside " + (added + 1) + ".." + versions;
      }
      return null;
    }

    List<String> added(int version) {
      return added.get(version);
    }

    List<String> removed(int version) {
      return removed.get(version);
    }

    String[] current() {
      return current.toArray(new String[0]);
    }
  }
}
