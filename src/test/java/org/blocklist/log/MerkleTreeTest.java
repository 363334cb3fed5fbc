package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {
  /** The leaves of the transparency-dev/merkle happy paths (testdata/README.md), in hex. */
  private static final List<String> VECTOR_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** Roots of the first n of {@link #VECTOR_LEAVES}, n = 1..8 (testdata/README.md). */
  private static final List<String> VECTOR_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static final int MAX_EXHAUSTIVE = 64;

  private static MerkleTree vectorTree() {
    MerkleTree tree = new MerkleTree();
    for (String leaf : VECTOR_LEAVES) {
      tree.append(TreeHashes.leafHash(HexFormat.of().parseHex(leaf)));
    }
    return tree;
  }

  @Test
  void root_ofVectorLeaves_matchesPublishedRoots() {
    MerkleTree tree = vectorTree();
    assertEquals(8, tree.size());
    for (int n = 1; n <= 8; n++) {
      assertEquals(VECTOR_ROOTS.get(n - 1), tree.root(n).hex(), "root of " + n);
    }
  }

  @Test
  void rootWith_everySizeUpTo64_isTheReferenceRootOfOneMoreLeaf_andChangesNothing() {
    List<Hash> leaves = ReferenceMerkle.leaves(MAX_EXHAUSTIVE + 1);
    MerkleTree tree = new MerkleTree();
    for (int n = 0; n <= MAX_EXHAUSTIVE; n++) {
      Hash next = leaves.get(n);
      assertEquals(
          ReferenceMerkle.mth(leaves.subList(0, n + 1)), tree.rootWith(next), "root of " + (n + 1));
      assertEquals(n, tree.size(), "rootWith must not append");
      tree.append(next);
    }
  }

  @Test
  void root_ofEmptyTree_isSha256OfNothing() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        new MerkleTree().root(0).hex());
    assertEquals(TreeHashes.EMPTY_ROOT, vectorTree().root(0));
  }

  @Test
  void treeHashes_leafAndNode_arePrefixedSha256() {
    assertEquals(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        TreeHashes.leafHash(new byte[0]).hex());
    Hash left = TreeHashes.leafHash(new byte[0]);
    Hash right = TreeHashes.leafHash(new byte[] {0});
    assertEquals(VECTOR_ROOTS.get(1), TreeHashes.nodeHash(left, right).hex());
  }

  @Test
  void rootAndLeaf_everySizeUpTo64_matchReference() {
    List<Hash> leaves = ReferenceMerkle.leaves(MAX_EXHAUSTIVE);
    MerkleTree tree = ReferenceMerkle.tree(leaves);
    for (int n = 0; n <= MAX_EXHAUSTIVE; n++) {
      assertEquals(ReferenceMerkle.mth(leaves.subList(0, n)), tree.root(n), "root of " + n);
    }
    for (int i = 0; i < MAX_EXHAUSTIVE; i++) {
      assertEquals(leaves.get(i), tree.leaf(i));
    }
  }

  @Test
  void inclusionProof_everyIndexAndSizeUpTo64_matchesReferenceAndVerifies() throws Exception {
    List<Hash> leaves = ReferenceMerkle.leaves(MAX_EXHAUSTIVE);
    MerkleTree tree = ReferenceMerkle.tree(leaves);
    int checked = 0;
    for (int n = 1; n <= MAX_EXHAUSTIVE; n++) {
      Hash root = tree.root(n);
      for (int m = 0; m < n; m++) {
        List<Hash> proof = tree.inclusionProof(m, n);
        assertEquals(ReferenceMerkle.path(m, leaves.subList(0, n)), proof, m + " in " + n);
        ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof, root);
        checked++;
      }
    }
    assertEquals(MAX_EXHAUSTIVE * (MAX_EXHAUSTIVE + 1) / 2, checked);
  }

  @Test
  void consistencyProof_everyPairUpTo64_matchesReferenceAndVerifies() throws Exception {
    List<Hash> leaves = ReferenceMerkle.leaves(MAX_EXHAUSTIVE);
    MerkleTree tree = ReferenceMerkle.tree(leaves);
    int checked = 0;
    for (int n = 1; n <= MAX_EXHAUSTIVE; n++) {
      for (int m = 1; m <= n; m++) {
        List<Hash> proof = tree.consistencyProof(m, n);
        List<Hash> expected = m == n ? List.of() : ReferenceMerkle.proof(m, leaves.subList(0, n));
        assertEquals(expected, proof, m + " to " + n);
        ProofVerifier.verifyConsistency(m, n, tree.root(m), tree.root(n), proof);
        checked++;
      }
    }
    assertEquals(MAX_EXHAUSTIVE * (MAX_EXHAUSTIVE + 1) / 2, checked);
  }

  @Test
  void consistencyProof_fromZeroOrToSameSize_isEmpty() {
    MerkleTree tree = vectorTree();
    assertEquals(List.of(), tree.consistencyProof(0, 0));
    assertEquals(List.of(), tree.consistencyProof(0, 8));
    assertEquals(List.of(), tree.consistencyProof(5, 5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "2", "3", "4"})
  void proofs_happyPathVectors_equalGeneratedProofs(String dir) throws Exception {
    MerkleTree tree = vectorTree();
    ObjectMapper json = new ObjectMapper();
    Path merkle = TestVectors.testdata().resolve("merkle");

    JsonNode inclusion =
        json.readTree(merkle.resolve("inclusion/" + dir + "/happy-path.json").toFile());
    long index = inclusion.get("leafIdx").asLong();
    long treeSize = inclusion.get("treeSize").asLong();
    assertEquals(hashes(inclusion.get("proof")), tree.inclusionProof(index, treeSize));
    assertEquals(Hash.fromBase64(inclusion.get("root").asText()), tree.root(treeSize));
    assertEquals(Hash.fromBase64(inclusion.get("leafHash").asText()), tree.leaf(index));

    JsonNode consistency =
        json.readTree(merkle.resolve("consistency/" + dir + "/happy-path.json").toFile());
    long size1 = consistency.get("size1").asLong();
    long size2 = consistency.get("size2").asLong();
    assertEquals(hashes(consistency.get("proof")), tree.consistencyProof(size1, size2));
    assertEquals(Hash.fromBase64(consistency.get("root1").asText()), tree.root(size1));
    assertEquals(Hash.fromBase64(consistency.get("root2").asText()), tree.root(size2));
  }

  @Test
  void root_sizeAboveTree_isRefused() {
    MerkleTree tree = vectorTree();
    assertMessage("treeSize: 9 (expected: 0..8)", () -> tree.root(9));
    assertMessage("treeSize: -1 (expected: 0..8)", () -> tree.root(-1));
  }

  @Test
  void leaf_indexOutsideTree_isRefused() {
    MerkleTree tree = vectorTree();
    assertMessage("index: 8 (expected: 0 <= index < 8)", () -> tree.leaf(8));
    assertMessage("index: -1 (expected: 0 <= index < 8)", () -> tree.leaf(-1));
    assertMessage("index: 0 (expected: 0 <= index < 0)", () -> new MerkleTree().leaf(0));
  }

  @Test
  void inclusionProof_badArguments_areRefused() {
    MerkleTree tree = vectorTree();
    assertMessage("treeSize: 9 (expected: 0..8)", () -> tree.inclusionProof(0, 9));
    assertMessage("index: 5 (expected: 0 <= index < 5)", () -> tree.inclusionProof(5, 5));
    assertMessage("index: -1 (expected: 0 <= index < 8)", () -> tree.inclusionProof(-1, 8));
    assertMessage("index: 0 (expected: 0 <= index < 0)", () -> tree.inclusionProof(0, 0));
  }

  @Test
  void consistencyProof_badArguments_areRefused() {
    MerkleTree tree = vectorTree();
    assertMessage("toSize: 9 (expected: 0..8)", () -> tree.consistencyProof(1, 9));
    assertMessage("fromSize: 6 (expected: 0..5)", () -> tree.consistencyProof(6, 5));
    assertMessage("fromSize: -1 (expected: 0..5)", () -> tree.consistencyProof(-1, 5));
  }

  @Test
  void append_null_isRefused() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new MerkleTree().append(null));
    assertEquals("leafHash", e.getMessage());
  }

  @Test
  void append_beyondFirstChunk_keepsEveryLevel() {
    // 40,000 leaves: level 0 spans five 8,192-hash chunks, level 1 three; the first chunks grew.
    List<Hash> leaves = ReferenceMerkle.leaves(40_000);
    MerkleTree tree = ReferenceMerkle.tree(leaves);
    assertEquals(40_000, tree.size());
    assertEquals(leaves.get(39_999), tree.leaf(39_999));
    assertEquals(leaves.get(32_768), tree.leaf(32_768));
    assertEquals(ReferenceMerkle.mth(leaves), tree.root(40_000));
    assertEquals(ReferenceMerkle.mth(leaves.subList(0, 32_769)), tree.root(32_769));
    assertDoesNotThrow(
        () ->
            ProofVerifier.verifyInclusion(
                32_768,
                40_000,
                leaves.get(32_768),
                tree.inclusionProof(32_768, 40_000),
                tree.root(40_000)));
    assertEquals(ReferenceMerkle.proof(32_769, leaves), tree.consistencyProof(32_769, 40_000));
  }

  private static List<Hash> hashes(JsonNode proof) {
    List<Hash> hashes = new ArrayList<>();
    if (proof != null && !proof.isNull()) {
      proof.forEach(h -> hashes.add(Hash.fromBase64(h.asText())));
    }
    return hashes;
  }

  private static void assertMessage(
      String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
