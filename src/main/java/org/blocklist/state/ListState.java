package org.blocklist.state;

import static java.util.Objects.requireNonNull;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import org.blocklist.domain.DomainMatcher;
import org.blocklist.log.Hash;
import org.blocklist.log.MerkleTree;

/**
 * What every reader sees: the latest version, its entries, every version's manifest, checkpoint and
 * changes, and the Merkle tree. Immutable; the writer swaps in a new state after each commit. The
 * tree is append-only and shared between states: a state reads only its first {@link #version()}
 * leaves.
 *
 * <p>The next state is computed in two steps so that a failed commit leaves nothing to repair:
 * {@link #successor} computes the next entries and matcher and the digests a manifest needs, with
 * no I/O and without touching this state or the tree; once the version is committed, {@link
 * Successor#publish} appends its leaf to the tree and returns the new state.
 */
public final class ListState {
  private final VersionRecord[] versions;
  private final EntryList entries;
  private final MerkleTree tree;
  private final String checkpoint;
  private final DomainMatcher matcher;

  private ListState(
      VersionRecord[] versions,
      EntryList entries,
      MerkleTree tree,
      String checkpoint,
      DomainMatcher matcher) {
    this.versions = versions;
    this.entries = requireNonNull(entries, "entries");
    this.tree = requireNonNull(tree, "tree");
    this.checkpoint = requireNonNull(checkpoint, "checkpoint");
    this.matcher = requireNonNull(matcher, "matcher");
  }

  /**
   * A state rebuilt from a verified history: {@code records} of versions 1 to N in order, the
   * {@code tree} over their manifests, the entries of version N (sorted, handed over) and the
   * signed checkpoint of version N (of the empty tree when N is 0).
   */
  public static ListState of(
      List<VersionRecord> records, MerkleTree tree, String[] sortedEntries, String checkpoint) {
    if (tree.size() != records.size()) {
      throw new IllegalArgumentException(
          "tree: " + tree.size() + " leaves (expected: " + records.size() + ")");
    }
    EntryList entries = EntryList.ofSorted(sortedEntries);
    return new ListState(
        records.toArray(new VersionRecord[0]),
        entries,
        tree,
        checkpoint,
        DomainMatcher.of(entries.array()));
  }

  /** SHA-256 of the changes text of {@code added} and {@code removed} (both sorted). */
  public static Hash changesDigest(List<String> added, List<String> removed) {
    return EntryList.changesDigest(added, removed);
  }

  /**
   * The list after adding {@code added} (none listed) and removing {@code removed} (all listed),
   * both sorted: computed now, published only by {@link Successor#publish}.
   */
  public Successor successor(List<String> added, List<String> removed) {
    EntryList next = entries.apply(added, removed);
    return new Successor(
        this, List.copyOf(added), List.copyOf(removed), next, matcher.withChanges(added, removed));
  }

  /** The next version, computed but not yet visible; see {@link ListState#successor}. */
  public static final class Successor {
    private final ListState before;
    private final List<String> added;
    private final List<String> removed;
    private final EntryList entries;
    private final DomainMatcher matcher;

    private Successor(
        ListState before,
        List<String> added,
        List<String> removed,
        EntryList entries,
        DomainMatcher matcher) {
      this.before = before;
      this.added = added;
      this.removed = removed;
      this.entries = entries;
      this.matcher = matcher;
    }

    public long version() {
      return before.version() + 1;
    }

    public List<String> added() {
      return added;
    }

    public List<String> removed() {
      return removed;
    }

    public int entryCount() {
      return entries.size();
    }

    /** SHA-256 of the snapshot text of the next version. */
    public Hash listDigest() {
      return entries.digest();
    }

    public Hash changesDigest() {
      return EntryList.changesDigest(added, removed);
    }

    /** The tree root once {@code leafHash} is the next leaf; the tree is not changed. */
    public Hash rootWith(Hash leafHash) {
      checkTree();
      return before.tree.rootWith(leafHash);
    }

    /**
     * Appends the leaf of {@code record} to the shared tree and returns the state of the next
     * version. Called by the writer once {@code record} is committed; the state before stays valid.
     */
    public ListState publish(VersionRecord record) {
      requireNonNull(record, "record");
      if (record.version() != version()
          || !record.added().equals(added)
          || !record.removed().equals(removed)) {
        throw new IllegalArgumentException(
            "record of version " + record.version() + " does not match the successor computed");
      }
      checkTree();
      before.tree.append(record.manifest().leafHash());
      VersionRecord[] more = Arrays.copyOf(before.versions, before.versions.length + 1);
      more[before.versions.length] = record;
      return new ListState(more, entries, before.tree, record.checkpoint(), matcher);
    }

    private void checkTree() {
      if (before.tree.size() != before.version()) {
        throw new IllegalStateException(
            "the tree has "
                + before.tree.size()
                + " leaves but version "
                + before.version()
                + " is the latest: a successor was published already");
      }
    }
  }

  /**
   * The entry that blocks {@code canonicalName} (the name itself or a listed ancestor), or null.
   * Allocation-free; never touches the store.
   */
  public String match(String canonicalName) {
    return matcher.match(canonicalName);
  }

  /** The latest version; 0 is the empty list before any approval. */
  public long version() {
    return versions.length;
  }

  /** The signed checkpoint note of the latest version (of the empty tree at version 0). */
  public String checkpoint() {
    return checkpoint;
  }

  public int entryCount() {
    return entries.size();
  }

  public boolean isListed(String name) {
    return entries.contains(name);
  }

  /** The entries of the latest version, sorted by byte order. */
  public List<String> entries() {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return entries.get(index);
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  /** Bytes of the latest snapshot text (every entry and its newline). */
  public long snapshotLength() {
    return entries.textLength();
  }

  /** SHA-256 of the latest snapshot text. */
  public Hash listDigest() {
    return entries.digest();
  }

  /**
   * The net changes from {@code from} (0 to {@link #version()}) to the latest version; from 0 it is
   * the whole list.
   */
  public Delta deltaFrom(long from) {
    return Delta.of(this, from);
  }

  /** Version {@code n}, 1 to {@link #version()}. */
  public VersionRecord record(long n) {
    if (n < 1 || n > versions.length) {
      throw new IllegalArgumentException(
          "version: " + n + " (expected: 1.." + versions.length + ")");
    }
    return versions[(int) (n - 1)];
  }

  public Hash root() {
    return tree.root(versions.length);
  }

  /** RFC 6962 inclusion proof of version {@code n} (leaf n-1) in the tree of {@code treeSize}. */
  public List<Hash> inclusionProof(long n, long treeSize) {
    checkSize(treeSize);
    return tree.inclusionProof(n - 1, treeSize);
  }

  public List<Hash> consistencyProof(long from, long to) {
    checkSize(to);
    return tree.consistencyProof(from, to);
  }

  /** A state may not prove sizes beyond its own version, even when the shared tree has them. */
  private void checkSize(long treeSize) {
    if (treeSize > versions.length) {
      throw new IllegalArgumentException(
          "treeSize: " + treeSize + " (expected: at most " + versions.length + ")");
    }
  }

  String[] entryArray() {
    return entries.array();
  }
}
