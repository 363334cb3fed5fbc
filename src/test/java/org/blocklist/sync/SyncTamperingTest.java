package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.blocklist.signing.KeyFiles;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad answer, through a proxy that rewrites the real server's: each is refused with
 * its reason, nothing is applied (the output and the trusted state are byte for byte as before),
 * and a rolled-back or forked server's checkpoint is kept as evidence. The agent trusts version 1
 * ({@code a.example}, {@code b.example}) and the server has published version 2 ({@code
 * +c.example}) when each test starts tampering.
 */
class SyncTamperingTest {
  @TempDir Path dir;
  private SyncHarness h;
  private SyncSettings settings;
  private byte[] outputBefore;
  private byte[] trustedBefore;

  @BeforeEach
  void trustVersion1_thenPublishVersion2() throws Exception {
    h = SyncHarness.start(dir);
    settings = h.settings(OutputFormat.TEXT, true);
    h.bl.publish("block", "a.example", "b.example");
    assertTrue(h.once(settings).ok());
    outputBefore = Files.readAllBytes(h.out(OutputFormat.TEXT));
    trustedBefore = Files.readAllBytes(h.state.resolve(StateDirectory.TRUSTED));
    h.bl.publish("block", "c.example");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void droppedEntry_isRefused() throws Exception {
    editDelta(d -> ((ArrayNode) d.get("added")).removeAll());
    assertRefused("proof", "entries after the delta: 2 (expected: 3, the manifest of version 2)");
  }

  @Test
  void addedEntry_isRefused() throws Exception {
    editDelta(d -> ((ArrayNode) d.get("added")).add("d.example"));
    assertRefused("proof", "entries after the delta: 4 (expected: 3");
  }

  @Test
  void swappedEntry_isRefused_byTheListDigest() throws Exception {
    editDelta(d -> ((ArrayNode) d.get("added")).set(0, "x.example"));
    assertRefused("proof", "list digest after the delta: computed ");
  }

  @Test
  void entryAlreadyListed_isRefused() throws Exception {
    editDelta(
        d -> {
          ArrayNode added = (ArrayNode) d.get("added");
          added.removeAll();
          added.add("b.example");
        });
    assertRefused("proof", "added[0] is already listed at version 1");
  }

  @Test
  void forgedSignature_isRefused() throws Exception {
    editDelta(
        d -> {
          // One bit of the Ed25519 signature flipped, the base64 kept canonical.
          String note = d.get("checkpoint").asText();
          int space = note.lastIndexOf(' ');
          byte[] signature =
              java.util.Base64.getDecoder().decode(note.substring(space + 1).strip());
          signature[10] ^= 1;
          d.put(
              "checkpoint",
              note.substring(0, space + 1)
                  + java.util.Base64.getEncoder().encodeToString(signature)
                  + "\n");
        });
    assertRefused("signature", "checkpoint: ");
  }

  @Test
  void editedManifest_isRefused_byTheInclusionProof() throws Exception {
    editDelta(
        d -> {
          d.put("manifest", d.get("manifest").asText().replace("entries 3\n", "entries 2\n"));
          ((ArrayNode) d.get("added")).removeAll();
        });
    assertRefused("proof", "manifest of version 2 is not the last leaf of the signed tree");
  }

  @Test
  void editedConsistencyProof_isRefused_asAFork() throws Exception {
    editDelta(d -> ((ArrayNode) d.get("consistency")).set(0, d.get("inclusion").get(0)));
    assertRefused("fork", "consistency from the trusted size 1 to 2 does not verify");
    assertEquals(1, evidence(Evidence.CHECKPOINT).size());
  }

  @Test
  void wrongTypes_areRefused_asMalformed() throws Exception {
    editDelta(d -> d.put("to", "2"));
    assertRefused("malformed", "delta: to: VALUE_STRING (expected: an integer");
  }

  @Test
  void replayedOldAnswer_isRefused_asARollback_withEvidence() throws Exception {
    byte[] old =
        h.bl.server.get("/v1/delta?from=0", h.bl.isp).body().getBytes(StandardCharsets.UTF_8);
    h.bl.publish("block", "d.example");
    h.passThrough();
    assertTrue(h.once(settings).ok()); // trusts version 3 now
    byte[] output = Files.readAllBytes(h.out(OutputFormat.TEXT));
    h.tamper((path, answer) -> path.startsWith("/v1/delta") ? answer.withBody(old) : answer);
    SyncAgent.Result r = h.once(settings);
    assertFalse(r.ok());
    assertTrue(
        r.message().contains("sync failed (rollback): checkpoint size: 2 (expected: at least 3"),
        r.message());
    assertArrayEquals(output, Files.readAllBytes(h.out(OutputFormat.TEXT)));
    List<Path> kept = evidence(Evidence.CHECKPOINT);
    assertEquals(1, kept.size());
    assertEquals(
        Blocklist.JSON.readTree(old).get("checkpoint").asText(), Files.readString(kept.get(0)));
    assertArrayEquals(old, Files.readAllBytes(sibling(kept.get(0), Evidence.ANSWER)));
    assertTrue(Files.readString(sibling(kept.get(0), Evidence.TRUSTED)).contains("\n3\n"));
    assertFalse(h.once(settings).ok());
    assertEquals(1, evidence(Evidence.CHECKPOINT).size(), "the same checkpoint is kept once");
  }

  @Test
  void serverRestoredFromAnOlderBackup_isRefused_asARollback_withItsSignedCheckpoint()
      throws Exception {
    h.passThrough();
    assertTrue(h.once(settings).ok()); // trusts version 2
    Path data = h.bl.server.data();
    Path backup = dir.resolve("backup");
    h.bl.close();
    copyTree(data, backup);
    h.bl = Blocklist.restart(h.bl);
    h.bl.publish("block", "d.example"); // version 3, lost with the restore below
    h.upstream(h.bl.server.uri(""));
    settings = h.settings(OutputFormat.TEXT, true);
    assertTrue(h.once(settings).ok());
    byte[] output = Files.readAllBytes(h.out(OutputFormat.TEXT));
    h.bl.close();
    deleteTree(data);
    copyTree(backup, data);
    h.bl = Blocklist.restart(h.bl);
    h.upstream(h.bl.server.uri(""));
    settings = h.settings(OutputFormat.TEXT, true);
    SyncAgent.Result r = h.once(settings);
    assertFalse(r.ok());
    assertTrue(
        r.message().contains("sync failed (rollback): the server's signed checkpoint is at size 2"),
        r.message());
    assertArrayEquals(output, Files.readAllBytes(h.out(OutputFormat.TEXT)));
    List<Path> kept = evidence(Evidence.CHECKPOINT);
    assertEquals(1, kept.size());
    assertEquals(h.bl.server.get("/v1/checkpoint", null).body(), Files.readString(kept.get(0)));
  }

  @Test
  void forkedServerWithTheSameKey_isRefused_atTheSameSize_andWhenLarger() throws Exception {
    Path forkData = dir.resolve("fork-data");
    Files.createDirectories(forkData);
    for (String file : List.of(KeyFiles.PRIVATE_KEY_FILE, KeyFiles.PUBLIC_KEY_FILE)) {
      Files.copy(h.bl.server.data().resolve(file), forkData.resolve(file));
    }
    try (Blocklist fork = Blocklist.start(forkData)) {
      fork.publish("block", "a.example", "b.example"); // the same version 1
      fork.publish("block", "z.example"); // another version 2
      h.passThrough();
      assertTrue(h.once(settings).ok()); // trusts the real version 2
      byte[] output = Files.readAllBytes(h.out(OutputFormat.TEXT));
      byte[] trusted = Files.readAllBytes(h.state.resolve(StateDirectory.TRUSTED));
      h.upstream(fork.server.uri(""));
      SyncSettings forked = withToken(h.settings(OutputFormat.TEXT, true), fork.isp);
      SyncAgent.Result same = h.once(forked);
      assertFalse(same.ok());
      assertTrue(
          same.message().contains("sync failed (fork): checkpoint root at size 2"), same.message());
      fork.publish("block", "y.example"); // version 3 of the fork
      SyncAgent.Result larger = h.once(forked);
      assertTrue(
          larger.message().contains("sync failed (fork): consistency from the trusted size 2 to 3"),
          larger.message());
      assertArrayEquals(output, Files.readAllBytes(h.out(OutputFormat.TEXT)));
      assertArrayEquals(trusted, Files.readAllBytes(h.state.resolve(StateDirectory.TRUSTED)));
      assertEquals(2, evidence(Evidence.CHECKPOINT).size());
    }
  }

  @Test
  void endlessBody_isCutAtTheByteLimit() throws Exception {
    h.tamper((path, answer) -> answer.endless());
    assertRefused("too_large", "(limit: 1048576 bytes)");
  }

  @Test
  void slowBody_isAbandonedAtTheTimeLimit() throws Exception {
    h.tamper((path, answer) -> answer.slow(java.time.Duration.ofSeconds(1)));
    assertRefused("timeout", "no complete answer within 2000 ms");
  }

  @Test
  void contentLengthLongerThanTheBody_isRefused() throws Exception {
    h.tamper((path, answer) -> answer.truncated(answer.body().length + 100));
    assertRefused("network", "GET /v1/delta?from=1&wait=0");
  }

  @Test
  void contentLengthShorterThanTheBody_isACutBody() throws Exception {
    h.tamper(
        (path, answer) ->
            answer.withBody(java.util.Arrays.copyOf(answer.body(), answer.body().length / 2)));
    assertRefused("malformed", "delta: not JSON");
  }

  @Test
  void serverError_isRefused_withItsStatus() throws Exception {
    h.tamper((path, answer) -> answer.withStatus(503).withBody("{\"error\":\"busy\"}"));
    assertRefused("status", "the server answered 503 busy");
  }

  private void editDelta(Consumer<ObjectNode> edit) {
    h.tamper(
        (path, answer) -> {
          if (!path.startsWith("/v1/delta")) {
            return answer;
          }
          try {
            ObjectNode d = (ObjectNode) Blocklist.JSON.readTree(answer.body());
            edit.accept(d);
            return answer.withBody(Blocklist.JSON.writeValueAsBytes(d));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private void assertRefused(String reason, String says) throws Exception {
    SyncAgent.Result r = h.once(settings);
    assertFalse(r.ok(), r.message());
    assertTrue(r.message().contains("sync failed (" + reason + "): "), r.message());
    assertTrue(r.message().contains(says), r.message());
    assertTrue(r.message().endsWith("nothing applied, the output stays at version 1"), r.message());
    assertArrayEquals(outputBefore, Files.readAllBytes(h.out(OutputFormat.TEXT)));
    assertArrayEquals(trustedBefore, Files.readAllBytes(h.state.resolve(StateDirectory.TRUSTED)));
    if (!reason.equals("fork")) {
      assertFalse(Files.exists(h.state.resolve(StateDirectory.EVIDENCE)), "no evidence kept");
    }
  }

  private List<Path> evidence(String kind) throws Exception {
    try (Stream<Path> files = Files.list(h.state.resolve(StateDirectory.EVIDENCE))) {
      return files.filter(f -> f.getFileName().toString().endsWith(kind)).sorted().toList();
    }
  }

  private static Path sibling(Path checkpoint, String kind) {
    String name = checkpoint.getFileName().toString();
    return checkpoint.resolveSibling(
        name.substring(0, name.length() - Evidence.CHECKPOINT.length()) + kind);
  }

  private static SyncSettings withToken(SyncSettings s, String token) {
    return new SyncSettings(
        s.server(),
        token,
        s.trust(),
        s.state(),
        s.format(),
        s.out(),
        s.once(),
        s.maxAge(),
        s.onChange(),
        s.metrics(),
        s.zone());
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  static void deleteTree(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
