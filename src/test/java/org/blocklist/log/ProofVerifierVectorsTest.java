package org.blocklist.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@link ProofVerifier} over every RFC 6962 proof vector of transparency-dev/merkle ({@code
 * testdata/merkle/inclusion/**} and {@code consistency/**}): every happy path is accepted, every
 * mutation refused.
 *
 * <p>Some vectors hold byte strings that are not 32 bytes long (empty, {@code "don't care 1"}, a
 * root with garbage before or after it). Such a value cannot be a {@link Hash}, so the case cannot
 * even reach a verifier of this log: it counts as a verification failure, and the file must say
 * {@code wantErr: true}. One vector breaks that rule: {@code
 * consistency/additional/sizes-are-equal-one-and-proof-is-empty.json} says two equal 12-byte roots
 * of trees of size 1 are consistent, which is true of those byte strings. That one is run with a
 * 32-byte stand-in for its (equal) roots, and must be accepted. The other non-hash cases are also
 * run with a distinct stand-in for each such value, and must be refused (equal stand-ins would not
 * do: transparency-dev refuses an empty leaf hash even when it equals an empty root).
 */
class ProofVerifierVectorsTest {
  private static final int FILES = 196;
  private static final String EQUAL_NON_HASH_ROOTS =
      "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> verify_everyVector_matchesWantErr() {
    List<Vector> vectors = vectors();
    assertEquals(FILES, vectors.size(), "vector files read from " + merkleDir());
    return vectors.stream().map(v -> dynamicTest(v.name(), () -> check(v)));
  }

  @Test
  void vectors_happyPathsAndMutations_areAllPresent() {
    List<Vector> vectors = vectors();
    long inclusion = vectors.stream().filter(v -> v.name().startsWith("inclusion/")).count();
    long accepted = vectors.stream().filter(v -> !v.wantErr()).count();
    assertEquals(98, inclusion);
    assertEquals(12, accepted);
  }

  @Test
  void vectors_withNonHashValues_wantErrorsExceptEqualRootsOfSizeOne() {
    Set<String> acceptedNonHash =
        vectors().stream()
            .filter(v -> !v.wantErr() && !v.allHashes())
            .map(Vector::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(EQUAL_NON_HASH_ROOTS), acceptedNonHash);
  }

  @Test
  void verifyConsistency_equalSizesEqualRootsEmptyProof_isAccepted() throws Exception {
    Hash root = TreeHashes.leafHash("don't care 2".getBytes(StandardCharsets.UTF_8));
    ProofVerifier.verifyConsistency(1, 1, root, root, List.of());
  }

  private static void check(Vector v) {
    if (!v.allHashes() && !v.name().equals(EQUAL_NON_HASH_ROOTS)) {
      assertTrue(v.wantErr(), v.name() + ": values that are not hashes, yet wantErr is false");
      // Also refused when each non-hash value is replaced by a hash of its own, equal to nothing.
      assertThrows(ProofException.class, () -> v.verify(true), v.name());
      return;
    }
    boolean failed;
    String message;
    try {
      v.verify(false);
      failed = false;
      message = "accepted";
    } catch (ProofException e) {
      failed = true;
      message = e.getMessage();
    }
    assertEquals(v.wantErr(), failed, v.name() + " (" + v.desc() + "): " + message);
  }

  private static Path merkleDir() {
    return TestVectors.testdata().resolve("merkle");
  }

  private static List<Vector> vectors() {
    List<Vector> vectors = new ArrayList<>();
    for (String kind : List.of("inclusion", "consistency")) {
      Path dir = merkleDir().resolve(kind);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
          String name = merkleDir().relativize(file).toString().replace('\\', '/');
          vectors.add(new Vector(name, JSON.readTree(file.toFile())));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return vectors;
  }

  /** One vector file; byte strings that are not 32 bytes long get a stand-in hash. */
  record Vector(String name, JsonNode json) {
    boolean wantErr() {
      return json.get("wantErr").asBoolean();
    }

    String desc() {
      return json.get("desc").asText();
    }

    boolean inclusion() {
      return name.startsWith("inclusion/");
    }

    boolean allHashes() {
      List<byte[]> values = new ArrayList<>(proofBytes());
      for (String field : inclusion() ? List.of("root", "leafHash") : List.of("root1", "root2")) {
        values.add(bytes(json.get(field)));
      }
      return values.stream().allMatch(b -> b.length == Hash.LENGTH);
    }

    /**
     * Verifies the vector. A byte string that cannot be a hash is replaced by a stand-in: with
     * {@code distinct}, one of its own per occurrence, else one that is equal for equal byte
     * strings (and, SHA-256 being collision resistant, different otherwise).
     */
    void verify(boolean distinct) throws ProofException {
      int[] occurrence = {0};
      Function<byte[], Hash> hash =
          bytes -> hash(bytes, distinct ? name + "#" + occurrence[0]++ : "");
      List<Hash> proof = proofBytes().stream().map(hash).collect(Collectors.toList());
      if (inclusion()) {
        ProofVerifier.verifyInclusion(
            json.get("leafIdx").asLong(),
            json.get("treeSize").asLong(),
            hash.apply(bytes(json.get("leafHash"))),
            proof,
            hash.apply(bytes(json.get("root"))));
      } else {
        ProofVerifier.verifyConsistency(
            json.get("size1").asLong(),
            json.get("size2").asLong(),
            hash.apply(bytes(json.get("root1"))),
            hash.apply(bytes(json.get("root2"))),
            proof);
      }
    }

    private List<byte[]> proofBytes() {
      JsonNode proof = json.get("proof");
      List<byte[]> result = new ArrayList<>();
      if (proof != null && !proof.isNull()) {
        proof.forEach(element -> result.add(bytes(element)));
      }
      return result;
    }

    private static byte[] bytes(JsonNode node) {
      return Base64.getDecoder().decode(node.asText());
    }

    private static Hash hash(byte[] bytes, String salt) {
      if (bytes.length == Hash.LENGTH) {
        return Hash.of(bytes);
      }
      return Hash.sha256(
          ("not a 32-byte hash " + salt + ": ").getBytes(StandardCharsets.UTF_8), bytes);
    }
  }
}
