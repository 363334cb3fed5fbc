package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Generated proofs verify, and any flipped bit in a proof hash or a root is caught. */
class ProofPropertiesTest {
  private static final List<Hash> LEAVES = ReferenceMerkle.leaves(300);
  private static final MerkleTree TREE = ReferenceMerkle.tree(LEAVES);

  @Property(tries = 500)
  void inclusionProof_verifies_andAnyFlippedBitFails(
      @ForAll @IntRange(min = 1, max = 300) int treeSize,
      @ForAll @IntRange(min = 0, max = 299) int anyIndex,
      @ForAll @IntRange(min = 0, max = 1000) int anyElement,
      @ForAll @IntRange(min = 0, max = 255) int bit)
      throws ProofException {
    int index = anyIndex % treeSize;
    Hash root = TREE.root(treeSize);
    Hash leaf = TREE.leaf(index);
    List<Hash> proof = TREE.inclusionProof(index, treeSize);
    ProofVerifier.verifyInclusion(index, treeSize, leaf, proof, root);

    assertThrows(
        ProofException.class,
        () -> ProofVerifier.verifyInclusion(index, treeSize, leaf, proof, flip(root, bit)));
    assertThrows(
        ProofException.class,
        () -> ProofVerifier.verifyInclusion(index, treeSize, flip(leaf, bit), proof, root));
    if (!proof.isEmpty()) {
      List<Hash> bad = flip(proof, anyElement % proof.size(), bit);
      assertThrows(
          ProofException.class,
          () -> ProofVerifier.verifyInclusion(index, treeSize, leaf, bad, root));
    }
  }

  @Property(tries = 500)
  void consistencyProof_verifies_andAnyFlippedBitFails(
      @ForAll @IntRange(min = 1, max = 300) int toSize,
      @ForAll @IntRange(min = 1, max = 300) int anyFromSize,
      @ForAll @IntRange(min = 0, max = 1000) int anyElement,
      @ForAll @IntRange(min = 0, max = 255) int bit)
      throws ProofException {
    int fromSize = 1 + (anyFromSize - 1) % toSize;
    Hash root1 = TREE.root(fromSize);
    Hash root2 = TREE.root(toSize);
    List<Hash> proof = TREE.consistencyProof(fromSize, toSize);
    ProofVerifier.verifyConsistency(fromSize, toSize, root1, root2, proof);

    assertThrows(
        ProofException.class,
        () -> ProofVerifier.verifyConsistency(fromSize, toSize, flip(root1, bit), root2, proof));
    assertThrows(
        ProofException.class,
        () -> ProofVerifier.verifyConsistency(fromSize, toSize, root1, flip(root2, bit), proof));
    if (!proof.isEmpty()) {
      List<Hash> bad = flip(proof, anyElement % proof.size(), bit);
      assertThrows(
          ProofException.class,
          () -> ProofVerifier.verifyConsistency(fromSize, toSize, root1, root2, bad));
    }
  }

  @Property(tries = 200)
  void inclusionProof_everyBitOfEveryHash_isChecked(
      @ForAll @IntRange(min = 2, max = 300) int treeSize,
      @ForAll @IntRange(min = 0, max = 299) int anyIndex) {
    int index = anyIndex % treeSize;
    Hash root = TREE.root(treeSize);
    Hash leaf = TREE.leaf(index);
    List<Hash> proof = TREE.inclusionProof(index, treeSize);
    for (int element = 0; element < proof.size(); element++) {
      for (int bit = 0; bit < 8 * Hash.LENGTH; bit++) {
        List<Hash> bad = flip(proof, element, bit);
        assertThrows(
            ProofException.class,
            () -> ProofVerifier.verifyInclusion(index, treeSize, leaf, bad, root));
      }
    }
  }

  static Hash flip(Hash hash, int bit) {
    byte[] bytes = hash.toByteArray();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(bytes);
  }

  static List<Hash> flip(List<Hash> proof, int element, int bit) {
    List<Hash> copy = new ArrayList<>(proof);
    copy.set(element, flip(copy.get(element), bit));
    return copy;
  }
}
