package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An append-only RFC 6962 Merkle tree of leaf hashes, with tree heads, inclusion proofs and
 * consistency proofs for any size up to the current one.
 *
 * <p>The tree keeps the hash of every complete (perfect) subtree, level by level: level {@code k}
 * holds the hashes of the aligned subtrees of {@code 2^k} leaves, as raw bytes (about 64 bytes a
 * leaf in all). Every subtree the RFC 6962 recursion visits is a run of at most 64 such perfect
 * subtrees, so {@link #root}, {@link #inclusionProof} and {@link #consistencyProof} read and hash
 * O(log² n) values at most, never O(n); {@link #append} costs O(log n).
 *
 * <p>Threads: one writer calls {@link #append}; any number of readers may at the same time ask for
 * roots and proofs of any size that was published to them, either by {@link #size()} (a volatile
 * read) or by the caller's own volatile write and read of an immutable state that holds the size.
 *
 * <p>Algorithms: {@code MTH}, {@code PATH} and {@code PROOF} of <a
 * href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962 section 2.1</a>, also <a
 * href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 section 2.1</a>.
 */
public final class MerkleTree {
  private static final int LEVELS = Long.SIZE;

  /** {@code levels[k].get(i)} is the hash of leaves {@code [i * 2^k, (i + 1) * 2^k)}. */
  private final HashStore[] levels = new HashStore[LEVELS];

  private volatile long size;

  public MerkleTree() {
    for (int level = 0; level < LEVELS; level++) {
      levels[level] = new HashStore();
    }
  }

  /** Appends a leaf hash (see {@link TreeHashes#leafHash}); for the single writer only. */
  public void append(Hash leafHash) {
    requireNonNull(leafHash, "leafHash");
    long index = size;
    if (index == Long.MAX_VALUE) {
      throw new IllegalStateException("size: " + index + " (expected: less than Long.MAX_VALUE)");
    }
    levels[0].add(leafHash);
    Hash hash = leafHash;
    for (int level = 0; (index & 1) == 1; level++) {
      hash = TreeHashes.nodeHash(levels[level].get(index - 1), hash);
      levels[level + 1].add(hash);
      index >>>= 1;
    }
    size = size + 1;
  }

  /**
   * {@code MTH} of the tree with {@code leafHash} appended, without appending it: the perfect
   * subtree that the new leaf completes (as {@link #append} would build it), folded from the right
   * with the perfect subtrees before it. O(log n); the tree is not changed, so a writer can sign
   * the next root before it commits, and append only once the commit succeeded.
   */
  public Hash rootWith(Hash leafHash) {
    requireNonNull(leafHash, "leafHash");
    long index = size;
    if (index == Long.MAX_VALUE) {
      throw new IllegalStateException("size: " + index + " (expected: less than Long.MAX_VALUE)");
    }
    Hash hash = leafHash;
    int level = 0;
    for (long i = index; (i & 1) == 1; i >>>= 1, level++) {
      hash = TreeHashes.nodeHash(levels[level].get(i - 1), hash);
    }
    long remaining = index + 1 - (1L << level);
    while (remaining != 0) {
      int l = Long.numberOfTrailingZeros(remaining);
      hash = TreeHashes.nodeHash(levels[l].get((remaining - (1L << l)) >>> l), hash);
      remaining -= 1L << l;
    }
    return hash;
  }

  /** The number of leaves appended so far. */
  public long size() {
    return size;
  }

  /** The leaf hash at {@code index}. */
  public Hash leaf(long index) {
    checkIndex(index, size);
    return levels[0].get(index);
  }

  /** {@code MTH(D[0:treeSize])}; {@link TreeHashes#EMPTY_ROOT} for 0. */
  public Hash root(long treeSize) {
    checkSize("treeSize", treeSize, size);
    return treeSize == 0 ? TreeHashes.EMPTY_ROOT : subtreeHash(0, treeSize);
  }

  /**
   * {@code PATH(index, D[0:treeSize])}: the audit path of leaf {@code index} in the tree of the
   * first {@code treeSize} leaves, the hash next to the leaf first.
   */
  public List<Hash> inclusionProof(long index, long treeSize) {
    checkSize("treeSize", treeSize, size);
    checkIndex(index, treeSize);
    List<Hash> proof = new ArrayList<>();
    long start = 0;
    long n = treeSize;
    long m = index;
    while (n > 1) {
      long k = Long.highestOneBit(n - 1);
      if (m < k) {
        proof.add(subtreeHash(start + k, n - k));
        n = k;
      } else {
        proof.add(subtreeHash(start, k));
        m -= k;
        start += k;
        n -= k;
      }
    }
    Collections.reverse(proof);
    return List.copyOf(proof);
  }

  /**
   * {@code PROOF(fromSize, D[0:toSize])}: proves that the tree of {@code fromSize} leaves is a
   * prefix of the tree of {@code toSize} leaves. Empty when {@code fromSize} is 0 or {@code
   * toSize}.
   */
  public List<Hash> consistencyProof(long fromSize, long toSize) {
    checkSize("toSize", toSize, size);
    checkSize("fromSize", fromSize, toSize);
    if (fromSize == 0 || fromSize == toSize) {
      return List.of();
    }
    List<Hash> proof = new ArrayList<>();
    long start = 0;
    long n = toSize;
    long m = fromSize;
    boolean wholeFirstTree = true;
    while (m != n) {
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        proof.add(subtreeHash(start + k, n - k));
        n = k;
      } else {
        proof.add(subtreeHash(start, k));
        m -= k;
        start += k;
        n -= k;
        wholeFirstTree = false;
      }
    }
    if (!wholeFirstTree) {
      proof.add(subtreeHash(start, m));
    }
    Collections.reverse(proof);
    return List.copyOf(proof);
  }

  /**
   * {@code MTH(D[start:start+n])} for a subtree of the RFC 6962 recursion, whose {@code start} is a
   * multiple of every power of two in {@code n}: the perfect subtrees of the binary digits of
   * {@code n}, folded from the right.
   */
  private Hash subtreeHash(long start, long n) {
    long remaining = n;
    int level = Long.numberOfTrailingZeros(remaining);
    Hash hash = levels[level].get((start + remaining - (1L << level)) >>> level);
    remaining -= 1L << level;
    while (remaining != 0) {
      level = Long.numberOfTrailingZeros(remaining);
      Hash left = levels[level].get((start + remaining - (1L << level)) >>> level);
      hash = TreeHashes.nodeHash(left, hash);
      remaining -= 1L << level;
    }
    return hash;
  }

  private static void checkSize(String name, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0.." + max + ")");
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "index: " + index + " (expected: 0 <= index < " + treeSize + ")");
    }
  }
}
