package org.blocklist.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 section 2.1 definitions written as the plain recursions over a list of leaf hashes
 * (MTH, PATH, PROOF/SUBPROOF), O(n) per call: the reference {@link MerkleTree} is checked against.
 */
final class ReferenceMerkle {
  private ReferenceMerkle() {}

  static Hash mth(List<Hash> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return Hash.sha256();
    }
    if (n == 1) {
      return leaves.get(0);
    }
    int k = largestPowerOfTwoBelow(n);
    return TreeHashes.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
  }

  static List<Hash> path(int m, List<Hash> leaves) {
    int n = leaves.size();
    List<Hash> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, leaves.subList(0, k)));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(path(m - k, leaves.subList(k, n)));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  static List<Hash> proof(int m, List<Hash> leaves) {
    return subproof(m, leaves, true);
  }

  private static List<Hash> subproof(int m, List<Hash> leaves, boolean b) {
    int n = leaves.size();
    List<Hash> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(leaves));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, leaves.subList(0, k), b));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(subproof(m - k, leaves.subList(k, n), false));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  /** The largest power of two strictly below {@code n}, for {@code n >= 2}. */
  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  /** {@code n} distinct leaf hashes, the leaf data being {@code "leaf <i>"}. */
  static List<Hash> leaves(int n) {
    List<Hash> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leaves.add(
          TreeHashes.leafHash(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return leaves;
  }

  static MerkleTree tree(List<Hash> leaves) {
    MerkleTree tree = new MerkleTree();
    leaves.forEach(tree::append);
    return tree;
  }
}
