package org.blocklist.ledger;

import static java.util.Objects.requireNonNull;

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
 */
public final class LedgerState {
  private final VersionRecord[] versions;
  private final EntryList entries;
  private final MerkleTree tree;
  private final String checkpoint;
  private final DomainMatcher matcher;

  LedgerState(VersionRecord[] versions, EntryList entries, MerkleTree tree, String checkpoint) {
    this(versions, entries, tree, checkpoint, DomainMatcher.of(entries.array()));
  }

  private LedgerState(
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

  /** The state after {@code record}: its entries, and the matcher updated by its changes. */
  LedgerState next(VersionRecord record, EntryList newEntries, MerkleTree newTree) {
    VersionRecord[] more = Arrays.copyOf(versions, versions.length + 1);
    more[versions.length] = record;
    return new LedgerState(
        more,
        newEntries,
        newTree,
        record.checkpoint(),
        matcher.withChanges(record.added(), record.removed()));
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
    return new java.util.AbstractList<>() {
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
    return tree.inclusionProof(n - 1, treeSize);
  }

  public List<Hash> consistencyProof(long from, long to) {
    return tree.consistencyProof(from, to);
  }

  MerkleTree tree() {
    return tree;
  }

  EntryList entryList() {
    return entries;
  }
}
