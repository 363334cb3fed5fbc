package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One writer appends while readers ask for roots and proofs of the sizes they saw published through
 * a volatile field, as the service publishes its immutable state.
 */
class MerkleTreeConcurrencyTest {
  private static final int LEAVES = 10_000;
  private static final int READERS = 2;

  /** What the writer publishes after each append: an immutable view of the tree. */
  private record State(MerkleTree tree, long size) {}

  private volatile State published;

  @Test
  void readers_whileWriterAppends_getProofsThatVerify() throws Exception {
    List<Hash> leaves = ReferenceMerkle.leaves(LEAVES);
    MerkleTree reference = ReferenceMerkle.tree(leaves);
    List<Hash> roots = new ArrayList<>();
    for (int n = 0; n <= LEAVES; n++) {
      roots.add(reference.root(n));
    }
    MerkleTree tree = new MerkleTree();
    published = new State(tree, 0);

    ExecutorService executor = Executors.newFixedThreadPool(READERS + 1);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        long seed = r;
        readers.add(executor.submit(() -> read(leaves, roots, new Random(seed))));
      }
      Future<?> writer =
          executor.submit(
              () -> {
                for (Hash leaf : leaves) {
                  tree.append(leaf);
                  published = new State(tree, tree.size());
                }
              });

      writer.get(60, TimeUnit.SECONDS);
      for (Future<Integer> reader : readers) {
        assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
      }
    } finally {
      executor.shutdownNow();
    }
    assertEquals(roots.get(LEAVES), tree.root(LEAVES));
  }

  /** Checks sizes as they are published until the last one; returns how many it checked. */
  private int read(List<Hash> leaves, List<Hash> roots, Random random) throws ProofException {
    int checks = 0;
    long previousSize = 0;
    Hash previousRoot = TreeHashes.EMPTY_ROOT;
    while (true) {
      State state = published;
      long size = state.size();
      if (size > 0) {
        Hash root = state.tree().root(size);
        assertEquals(roots.get((int) size), root, "root of " + size);
        long index = (long) random.nextInt((int) size);
        assertEquals(leaves.get((int) index), state.tree().leaf(index));
        ProofVerifier.verifyInclusion(
            index, size, leaves.get((int) index), state.tree().inclusionProof(index, size), root);
        if (previousSize > 0) {
          ProofVerifier.verifyConsistency(
              previousSize,
              size,
              previousRoot,
              root,
              state.tree().consistencyProof(previousSize, size));
        }
        previousSize = size;
        previousRoot = root;
        checks++;
      }
      if (size == LEAVES) {
        return checks;
      }
      Thread.onSpinWait();
    }
  }
}
