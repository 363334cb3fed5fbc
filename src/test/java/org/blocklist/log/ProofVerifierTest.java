package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The messages of {@link ProofVerifier}: what was computed and what was expected. */
class ProofVerifierTest {
  private static final List<Hash> LEAVES = ReferenceMerkle.leaves(8);
  private static final MerkleTree TREE = ReferenceMerkle.tree(LEAVES);

  @Test
  void verifyInclusion_wrongRoot_showsComputedAndExpected() {
    Hash wrong = TREE.root(7);
    assertMessage(
        "root mismatch: computed " + TREE.root(8) + " (expected: " + wrong + ")",
        () -> ProofVerifier.verifyInclusion(3, 8, LEAVES.get(3), TREE.inclusionProof(3, 8), wrong));
  }

  @Test
  void verifyInclusion_indexNotBelowSize_isRefused() {
    assertMessage(
        "index: 8 (expected: 0 <= index < treeSize 8)",
        () -> ProofVerifier.verifyInclusion(8, 8, LEAVES.get(0), List.of(), TREE.root(8)));
  }

  @Test
  void verifyInclusion_proofTooLong_isRefused() {
    List<Hash> proof = new ArrayList<>(TREE.inclusionProof(3, 8));
    proof.add(Hash.ZERO);
    assertMessage(
        "proof size: 4 hashes (expected: 3)",
        () -> ProofVerifier.verifyInclusion(3, 8, LEAVES.get(3), proof, TREE.root(8)));
  }

  @Test
  void verifyConsistency_fromEmptyTree_isRefused() {
    assertMessage(
        "size1: 0 (expected: at least 1: a proof from the empty tree proves nothing)",
        () ->
            ProofVerifier.verifyConsistency(
                0, 0, TreeHashes.EMPTY_ROOT, TreeHashes.EMPTY_ROOT, List.of()));
  }

  @Test
  void verifyConsistency_shrinkingTree_isRefused() {
    assertMessage(
        "size2: 4 (expected: at least size1 5)",
        () -> ProofVerifier.verifyConsistency(5, 4, TREE.root(5), TREE.root(4), List.of()));
  }

  @Test
  void verifyConsistency_equalSizesDifferentRoots_isRefused() {
    assertMessage(
        "root2: "
            + TREE.root(4)
            + " (expected: root1 "
            + TREE.root(5)
            + ", as the sizes are equal)",
        () -> ProofVerifier.verifyConsistency(5, 5, TREE.root(5), TREE.root(4), List.of()));
  }

  @Test
  void verifyConsistency_wrongSecondRoot_showsComputedAndExpected() {
    assertMessage(
        "root2 mismatch: computed " + TREE.root(8) + " (expected: " + TREE.root(7) + ")",
        () ->
            ProofVerifier.verifyConsistency(
                3, 8, TREE.root(3), TREE.root(7), TREE.consistencyProof(3, 8)));
  }

  @Test
  void verifyConsistency_wrongFirstRoot_showsComputedAndExpected() {
    assertMessage(
        "root1 mismatch: computed " + TREE.root(3) + " (expected: " + TREE.root(2) + ")",
        () ->
            ProofVerifier.verifyConsistency(
                3, 8, TREE.root(2), TREE.root(8), TREE.consistencyProof(3, 8)));
  }

  private static void assertMessage(String expected, Executable call) {
    ProofException e = assertThrows(ProofException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
