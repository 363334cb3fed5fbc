package org.blocklist.log;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Verifies RFC 6962 inclusion and consistency proofs; a proof that does not verify throws {@link
 * ProofException}, naming what was computed and what was expected.
 *
 * <p>The algorithms are those of <a
 * href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2">RFC 9162 section 2.1.3.2</a>
 * (inclusion) and <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2">section
 * 2.1.4.2</a> (consistency), for the proofs of <a
 * href="https://www.rfc-editor.org/rfc/rfc6962#section-2.1">RFC 6962 section 2.1</a>, written as
 * transparency-dev/merkle does: the proof length is checked exactly before any hashing; a
 * consistency proof from size 0 is refused (it proves nothing); between equal sizes the proof must
 * be empty and the roots equal.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} leaves. */
  public static void verifyInclusion(
      long index, long treeSize, Hash leafHash, List<Hash> proof, Hash root) throws ProofException {
    requireNonNull(leafHash, "leafHash");
    requireNonNull(proof, "proof");
    requireNonNull(root, "root");
    if (index < 0 || index >= treeSize) {
      throw new ProofException(
          "index: " + index + " (expected: 0 <= index < treeSize " + treeSize + ")");
    }
    int inner = innerProofSize(index, treeSize);
    int border = Long.bitCount(index >>> inner);
    checkProofSize(proof, inner + border);
    Hash computed = chainInner(leafHash, proof.subList(0, inner), index);
    computed = chainBorderRight(computed, proof.subList(inner, proof.size()));
    checkRoot("root", computed, root);
  }

  /** Checks that the tree of {@code size1} leaves is a prefix of the tree of {@code size2}. */
  public static void verifyConsistency(
      long size1, long size2, Hash root1, Hash root2, List<Hash> proof) throws ProofException {
    requireNonNull(root1, "root1");
    requireNonNull(root2, "root2");
    requireNonNull(proof, "proof");
    if (size1 <= 0) {
      throw new ProofException(
          "size1: "
              + size1
              + " (expected: at least 1: a proof from the empty tree proves nothing)");
    }
    if (size2 < size1) {
      throw new ProofException("size2: " + size2 + " (expected: at least size1 " + size1 + ")");
    }
    if (size1 == size2) {
      checkProofSize(proof, 0);
      if (!root1.equals(root2)) {
        throw new ProofException(
            "root2: " + root2 + " (expected: root1 " + root1 + ", as the sizes are equal)");
      }
      return;
    }
    // The proof is, after an optional seed, a suffix of the inclusion proof of leaf size1 - 1 in
    // the tree of size2 that starts at the level of the largest perfect subtree ending at size1.
    int shift = Long.numberOfTrailingZeros(size1);
    int inner = innerProofSize(size1 - 1, size2) - shift;
    int border = Long.bitCount((size1 - 1) >>> (inner + shift));
    boolean seedIsRoot1 = size1 == 1L << shift;
    int start = seedIsRoot1 ? 0 : 1;
    checkProofSize(proof, start + inner + border);
    Hash seed = seedIsRoot1 ? root1 : proof.get(0);
    List<Hash> innerPart = proof.subList(start, start + inner);
    List<Hash> borderPart = proof.subList(start + inner, proof.size());
    long mask = (size1 - 1) >>> shift;

    Hash computed1 = chainBorderRight(chainInnerRight(seed, innerPart, mask), borderPart);
    checkRoot("root1", computed1, root1);
    Hash computed2 = chainBorderRight(chainInner(seed, innerPart, mask), borderPart);
    checkRoot("root2", computed2, root2);
  }

  /** The number of levels below the point where the path of {@code index} leaves the right edge. */
  private static int innerProofSize(long index, long treeSize) {
    return Long.SIZE - Long.numberOfLeadingZeros(index ^ (treeSize - 1));
  }

  private static Hash chainInner(Hash seed, List<Hash> proof, long index) {
    Hash hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      Hash sibling = requireNonNull(proof.get(i), "proof element");
      hash =
          ((index >>> i) & 1) == 0
              ? TreeHashes.nodeHash(hash, sibling)
              : TreeHashes.nodeHash(sibling, hash);
    }
    return hash;
  }

  private static Hash chainInnerRight(Hash seed, List<Hash> proof, long index) {
    Hash hash = seed;
    for (int i = 0; i < proof.size(); i++) {
      if (((index >>> i) & 1) == 1) {
        hash = TreeHashes.nodeHash(requireNonNull(proof.get(i), "proof element"), hash);
      }
    }
    return hash;
  }

  private static Hash chainBorderRight(Hash seed, List<Hash> proof) {
    Hash hash = seed;
    for (Hash sibling : proof) {
      hash = TreeHashes.nodeHash(requireNonNull(sibling, "proof element"), hash);
    }
    return hash;
  }

  private static void checkProofSize(List<Hash> proof, int expected) throws ProofException {
    if (proof.size() != expected) {
      throw new ProofException(
          "proof size: " + proof.size() + " hashes (expected: " + expected + ")");
    }
  }

  private static void checkRoot(String name, Hash computed, Hash expected) throws ProofException {
    if (!computed.equals(expected)) {
      throw new ProofException(
          name + " mismatch: computed " + computed + " (expected: " + expected + ")");
    }
  }
}
