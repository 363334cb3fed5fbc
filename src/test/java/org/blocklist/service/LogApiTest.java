package org.blocklist.service;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blocklist.audit.AuditChain;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.ProofException;
import org.blocklist.log.ProofVerifier;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignedNote;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public log as an auditor sees it: checkpoints verify with the served key (also with OpenSSL),
 * manifests chain into the tree, proofs verify, the audit chain anchors in the manifests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogApiTest {
  private Blocklist bl;
  private Path dir;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    bl = Blocklist.start(dir.resolve("data"));
    bl.publish("block", "a.example", "b.example");
    bl.publish("block", "c.example");
    bl.publish("unblock", "a.example");
    bl.publish("block", "d.example", "e.example", "f.example");
    bl.publish("block", "g.example");
  }

  @AfterAll
  void stop() {
    bl.close();
  }

  @Test
  void checkpoint_verifiesWithTheServedVerifierKey_andIsOfTheLatestVersion() throws Exception {
    JsonNode keys = json(bl.server.get("/v1/keys", null));
    NoteVerifierKey vkey = NoteVerifierKey.parse(keys.get("verifierKey").asText());
    assertEquals("blocklist.example/log", keys.get("origin").asText());
    assertEquals(vkey.name(), keys.get("origin").asText());
    HttpResponse<String> r = bl.server.get("/v1/checkpoint", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
    SignedNote note = SignedNote.parse(r.body());
    assertDoesNotThrow(() -> note.verify(vkey));
    Checkpoint cp = Checkpoint.parseBody(note.text());
    assertEquals(5, cp.size());
    assertEquals(bl.server.service().state().root(), cp.root());
  }

  @Test
  void checkpoint_signature_verifiesWithOpensslAndTheServedPem() throws Exception {
    JsonNode keys = json(bl.server.get("/v1/keys", null));
    SignedNote note = SignedNote.parse(bl.server.get("/v1/checkpoint", null).body());
    byte[] signature = note.signatures().get(0).signatureBytes();
    assertEquals(64, signature.length, "an Ed25519 signature after the 4-byte key hint");
    Path pem = Files.writeString(dir.resolve("pub.pem"), keys.get("publicKeyPem").asText());
    Path body = Files.write(dir.resolve("body"), note.text().getBytes(StandardCharsets.UTF_8));
    Path sig = Files.write(dir.resolve("sig"), signature);
    assertEquals(0, openssl(pem, body, sig), "openssl accepts the checkpoint signature");
    byte[] tampered = note.text().replace("\n5\n", "\n6\n").getBytes(StandardCharsets.UTF_8);
    Files.write(body, tampered);
    assertTrue(openssl(pem, body, sig) != 0, "openssl refuses a changed checkpoint");
  }

  private static int openssl(Path pem, Path body, Path sig) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pem.toString(),
                "-rawin",
                "-in",
                body.toString(),
                "-sigfile",
                sig.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    if (status == 0) {
      assertTrue(out.contains("Signature Verified Successfully"), out);
    }
    return status;
  }

  @Test
  void versions_pageTheManifests_whichHashToTheTreeRoot() throws Exception {
    JsonNode page = json(bl.server.get("/v1/versions?from=2&limit=2", null));
    assertEquals(2, page.get("versions").size());
    assertEquals(2, page.get("versions").get(0).get("version").asLong());
    JsonNode all = json(bl.server.get("/v1/versions", null)).get("versions");
    assertEquals(5, all.size());
    for (JsonNode v : all) {
      String manifest = v.get("manifest").asText();
      assertEquals(
          manifest, bl.server.get("/v1/versions/" + v.get("version").asLong(), null).body());
      Manifest m = Manifest.parse(manifest);
      assertEquals(v.get("version").asLong(), m.version());
      for (String name : List.of("a.example", "b.example", "g.example")) {
        assertFalse(manifest.contains(name), "a manifest names no domain");
      }
    }
    Manifest latest = Manifest.parse(all.get(4).get("manifest").asText());
    assertEquals(6, latest.entries());
    String snapshot = String.join("\n", bl.server.service().state().entries()) + "\n";
    assertEquals(Hash.sha256(snapshot.getBytes(StandardCharsets.US_ASCII)), latest.list());
    assertEquals(404, bl.server.get("/v1/versions/6", null).statusCode());
    assertEquals(400, bl.server.get("/v1/versions/0", null).statusCode());
  }

  @Test
  void inclusionProofs_verifyEveryVersionInEveryTree() throws Exception {
    List<Manifest> manifests = new ArrayList<>();
    for (JsonNode v : json(bl.server.get("/v1/versions", null)).get("versions")) {
      manifests.add(Manifest.parse(v.get("manifest").asText()));
    }
    for (int size = 1; size <= 5; size++) {
      Hash root = rootOf(size);
      for (int version = 1; version <= size; version++) {
        JsonNode proof =
            json(
                bl.server.get(
                    "/v1/proof/inclusion?version=" + version + "&treeSize=" + size, null));
        assertEquals(version, proof.get("version").asLong());
        assertEquals(size, proof.get("treeSize").asLong());
        ProofVerifier.verifyInclusion(
            version - 1, size, manifests.get(version - 1).leafHash(), hashes(proof), root);
      }
    }
  }

  @Test
  void consistencyProofs_verifyEveryPair_andBadRangesAre400() throws Exception {
    for (int to = 1; to <= 5; to++) {
      for (int from = 1; from <= to; from++) {
        JsonNode proof =
            json(bl.server.get("/v1/proof/consistency?from=" + from + "&to=" + to, null));
        ProofVerifier.verifyConsistency(from, to, rootOf(from), rootOf(to), hashes(proof));
      }
    }
    JsonNode proof = json(bl.server.get("/v1/proof/consistency?from=2&to=5", null));
    List<Hash> hashes = hashes(proof);
    assertThrows(
        ProofException.class,
        () -> ProofVerifier.verifyConsistency(2, 5, rootOf(3), rootOf(5), hashes));
    assertEquals(400, bl.server.get("/v1/proof/consistency?from=0&to=3", null).statusCode());
    assertEquals(400, bl.server.get("/v1/proof/consistency?from=4&to=3", null).statusCode());
    assertEquals(400, bl.server.get("/v1/proof/consistency?from=1&to=6", null).statusCode());
    assertEquals(400, bl.server.get("/v1/proof/inclusion?version=6&treeSize=6", null).statusCode());
    assertEquals(400, bl.server.get("/v1/proof/inclusion?version=3&treeSize=2", null).statusCode());
    assertEquals(400, bl.server.get("/v1/proof/inclusion", null).statusCode());
  }

  @Test
  void auditEvents_chain_andEachManifestAnchorsItsApprovalEvent() throws Exception {
    JsonNode events = json(bl.server.get("/v1/audit/events?limit=1000", bl.auditor)).get("events");
    Hash h = Hash.ZERO;
    long seq = 1;
    Map<Long, Hash> approvals = new HashMap<>();
    List<String> types = new ArrayList<>();
    for (JsonNode e : events) {
      assertEquals(seq++, e.get("seq").asLong());
      String text = e.get("event").asText();
      h = AuditChain.next(h, text);
      assertEquals(h.hex(), e.get("hash").asText());
      Map<String, String> fields = AuditChain.fields(text);
      types.add(fields.get("type"));
      if (fields.get("type").equals("requisition-approved")) {
        approvals.put(Long.parseLong(fields.get("version")), h);
      }
      for (String name : List.of("a.example", "c.example", "g.example")) {
        assertFalse(text.contains(name), "no entry name in an event: " + text);
      }
    }
    assertTrue(types.contains("key-created"));
    assertTrue(types.contains("startup-verified"));
    assertTrue(types.contains("principal-added"));
    assertTrue(types.contains("requisition-submitted"));
    assertTrue(types.contains("version-published"));
    assertEquals(
        "version-published",
        types.get(types.lastIndexOf("requisition-approved") + 1),
        "the version-published event follows the approval event");
    for (long v = 1; v <= 5; v++) {
      Manifest m = Manifest.parse(bl.server.get("/v1/versions/" + v, null).body());
      assertEquals(approvals.get(v), m.audit(), "manifest " + v + " anchors its approval event");
    }
  }

  @Test
  void metrics_arePrometheusText_withOurSeries_andNoEntryNames() throws Exception {
    HttpResponse<String> r = bl.server.get("/metrics", null);
    assertEquals(200, r.statusCode());
    String text = r.body();
    assertTrue(text.contains("blocklist_version 5.0"), "current version gauge");
    assertTrue(text.contains("blocklist_entries 6.0"), "entry count gauge");
    assertTrue(text.contains("blocklist_approval_duration_seconds"), "approval timer");
    assertTrue(text.contains("blocklist_http_requests_seconds_count{"), "request timer");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM binder");
    assertTrue(text.contains("process_cpu_usage"), "process binder");
    assertFalse(text.contains("a.example") || text.contains("g.example"), "no entry names");
    assertEquals(200, bl.server.get("/healthz", null).statusCode());
  }

  private Hash rootOf(int size) throws Exception {
    String note = bl.server.service().state().record(size).checkpoint();
    return Checkpoint.parseBody(SignedNote.parse(note).text()).root();
  }

  private static List<Hash> hashes(JsonNode proof) {
    List<Hash> out = new ArrayList<>();
    proof.get("hashes").forEach(n -> out.add(Hash.of(Base64.getDecoder().decode(n.asText()))));
    return out;
  }
}
