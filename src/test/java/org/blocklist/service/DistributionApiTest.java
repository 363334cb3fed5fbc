package org.blocklist.service;

import static org.blocklist.testing.Blocklist.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.blocklist.log.Checkpoint;
import org.blocklist.log.Hash;
import org.blocklist.log.Manifest;
import org.blocklist.log.ProofVerifier;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignedNote;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an ISP does: pull deltas and check everything in them, long-poll for the next version, fetch
 * snapshots, look names up; and what the prosecutor sees of it in {@code /v1/isps}.
 */
class DistributionApiTest {
  @TempDir Path dir;
  private Blocklist bl;

  @BeforeEach
  void start() throws Exception {
    bl = Blocklist.start(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    bl.close();
  }

  @Test
  void delta_givesNetChanges_thatAClientHoldingVersionNCanCheckCompletely() throws Exception {
    bl.publish("block", "a.example", "b.example", "c.example"); // 1
    List<String> listAt1 = List.of("a.example", "b.example", "c.example");
    bl.publish("block", "d.example", "e.example"); // 2
    bl.publish("unblock", "d.example", "a.example"); // 3: d added then removed since 1
    bl.publish("block", "f.example"); // 4
    JsonNode d = json(bl.server.get("/v1/delta?from=1", bl.isp));
    assertEquals(1, d.get("from").asLong());
    assertEquals(4, d.get("to").asLong());
    assertEquals(List.of("e.example", "f.example"), texts(d.get("added")));
    assertEquals(List.of("a.example"), texts(d.get("removed")));
    verifyAsAClient(d, 1, listAt1);
  }

  /** Everything DESIGN.md says an ISP holding version {@code from} must be able to check. */
  private void verifyAsAClient(JsonNode d, long from, List<String> listAtFrom) throws Exception {
    long to = d.get("to").asLong();
    NoteVerifierKey key =
        NoteVerifierKey.parse(json(bl.server.get("/v1/keys", null)).get("verifierKey").asText());
    SignedNote note = SignedNote.parse(d.get("checkpoint").asText());
    note.verify(key);
    Checkpoint cp = Checkpoint.parseBody(note.text());
    assertEquals(to, cp.size());
    Manifest m = Manifest.parse(d.get("manifest").asText());
    assertEquals(to, m.version());
    ProofVerifier.verifyInclusion(to - 1, to, m.leafHash(), hashes(d.get("inclusion")), cp.root());
    TreeSet<String> list = new TreeSet<>(listAtFrom);
    list.removeAll(texts(d.get("removed")));
    list.addAll(texts(d.get("added")));
    StringBuilder snapshot = new StringBuilder();
    list.forEach(n -> snapshot.append(n).append('\n'));
    assertEquals(m.list(), Hash.sha256(snapshot.toString().getBytes(StandardCharsets.US_ASCII)));
    if (from > 0 && from < to) {
      Checkpoint old =
          Checkpoint.parseBody(
              SignedNote.parse(bl.server.service().state().record(from).checkpoint()).text());
      ProofVerifier.verifyConsistency(
          from, to, old.root(), cp.root(), hashes(d.get("consistency")));
    } else {
      assertEquals(0, d.get("consistency").size());
    }
  }

  @Test
  void delta_fromZero_isTheWholeList_andFromLatestIsEmpty() throws Exception {
    bl.publish("block", "b.example", "a.example");
    JsonNode full = json(bl.server.get("/v1/delta?from=0", bl.isp));
    assertEquals(List.of("a.example", "b.example"), texts(full.get("added")));
    verifyAsAClient(full, 0, List.of());
    JsonNode none = json(bl.server.get("/v1/delta?from=1", bl.isp));
    assertEquals(1, none.get("to").asLong());
    assertEquals(0, none.get("added").size());
    assertEquals(0, none.get("removed").size());
  }

  @Test
  void delta_aheadOfTheServer_is409_andBadParametersAre400() throws Exception {
    HttpResponse<String> r = bl.server.get("/v1/delta?from=3", bl.isp);
    assertEquals(409, r.statusCode());
    assertEquals("ahead_of_server", json(r).get("error").asText());
    assertEquals(400, bl.server.get("/v1/delta", bl.isp).statusCode());
    assertEquals(400, bl.server.get("/v1/delta?from=-1", bl.isp).statusCode());
    assertEquals(400, bl.server.get("/v1/delta?from=0&wait=61", bl.isp).statusCode());
  }

  @Test
  void delta_withWait_isAnsweredWithTheNextVersion_forEveryWaiter() throws Exception {
    // Parking and waking are specified on a fake timer in DeltaRoutesTest; here every client gets
    // the next version whether its request was parked before the approval or arrived after it.
    bl.publish("block", "a.example");
    List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
    // a thread per waiting client: the common pool may have a single worker on two cores
    ExecutorService clients = Executors.newFixedThreadPool(5);
    for (int i = 0; i < 5; i++) {
      waiting.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return bl.server.get("/v1/delta?from=1&wait=60", bl.isp);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              clients));
    }
    bl.publish("block", "z.example");
    for (CompletableFuture<HttpResponse<String>> w : waiting) {
      JsonNode d = json(w.get());
      assertEquals(2, d.get("to").asLong());
      assertEquals(List.of("z.example"), texts(d.get("added")));
    }
    clients.shutdown();
  }

  @Test
  void delta_withWait_answersToEqualsFrom_atTheTimeout() throws Exception {
    bl.publish("block", "a.example");
    JsonNode d = json(bl.server.get("/v1/delta?from=1&wait=1", bl.isp));
    assertEquals(1, d.get("from").asLong());
    assertEquals(1, d.get("to").asLong());
    assertEquals(0, d.get("added").size());
  }

  @Test
  void snapshot_isTheExactSnapshotText_whoseHashIsTheManifestList() throws Exception {
    bl.publish("block", "b.example", "a.example", "xn--fa-hia.de");
    HttpResponse<String> r = bl.server.get("/v1/snapshot", bl.auditor);
    assertEquals(200, r.statusCode());
    assertEquals("a.example\nb.example\nxn--fa-hia.de\n", r.body());
    assertEquals("1", r.headers().firstValue("blocklist-version").orElseThrow());
    Manifest m = Manifest.parse(bl.server.get("/v1/versions/1", null).body());
    assertEquals(m.list(), Hash.sha256(r.body().getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void snapshot_ofAnEmptyList_isEmpty() throws Exception {
    HttpResponse<String> r = bl.server.get("/v1/snapshot", bl.isp);
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertEquals("0", r.headers().firstValue("blocklist-version").orElseThrow());
  }

  @Test
  void lookup_matchesOnLabelBoundaries() throws Exception {
    bl.publish("block", "b.example", "faß.de");
    JsonNode hit = json(bl.server.get("/v1/lookup?domain=WWW.B.Example.", bl.isp));
    assertEquals("www.b.example", hit.get("domain").asText());
    assertTrue(hit.get("blocked").asBoolean());
    assertEquals("b.example", hit.get("matchedEntry").asText());
    assertEquals(1, hit.get("version").asLong());
    JsonNode miss = json(bl.server.get("/v1/lookup?domain=notb.example", bl.police));
    assertFalse(miss.get("blocked").asBoolean());
    assertTrue(miss.get("matchedEntry").isNull());
    JsonNode idn = json(bl.server.get("/v1/lookup?domain=shop.fa%C3%9F.de", bl.prosecutor));
    assertEquals("xn--fa-hia.de", idn.get("matchedEntry").asText());
    JsonNode fass = json(bl.server.get("/v1/lookup?domain=fass.de", bl.auditor));
    assertFalse(fass.get("blocked").asBoolean(), "fass.de is another domain than faß.de");
    HttpResponse<String> bad = bl.server.get("/v1/lookup?domain=a_b..example", bl.isp);
    assertEquals(400, bad.statusCode());
    assertEquals(400, bl.server.get("/v1/lookup", bl.isp).statusCode());
  }

  @Test
  void lookup_answersTheNewVersion_assoonAsItIsPublished() throws Exception {
    assertFalse(
        json(bl.server.get("/v1/lookup?domain=c.example", bl.isp)).get("blocked").asBoolean());
    bl.publish("block", "c.example");
    assertTrue(
        json(bl.server.get("/v1/lookup?domain=c.example", bl.isp)).get("blocked").asBoolean());
    bl.publish("unblock", "c.example");
    assertFalse(
        json(bl.server.get("/v1/lookup?domain=c.example", bl.isp)).get("blocked").asBoolean());
  }

  @Test
  void batchLookup_answersInInputOrder_withAnErrorPerBadName() throws Exception {
    bl.publish("block", "b.example");
    HttpResponse<String> r =
        bl.server.post(
            "/v1/lookup", bl.isp, "{\"domains\":[\"x.b.example\",\"1.2.3.4\",\"c.example\"]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals(1, body.get("version").asLong());
    JsonNode results = body.get("results");
    assertEquals(3, results.size());
    assertTrue(results.get(0).get("blocked").asBoolean());
    assertEquals("ip_literal", results.get(1).get("error").asText());
    assertEquals("1.2.3.4", results.get(1).get("input").asText());
    assertFalse(results.get(2).get("blocked").asBoolean());
  }

  @Test
  void batchLookup_overTheLimit_is400() throws Exception {
    try (Blocklist small =
        Blocklist.start(
            dir.resolve("small"),
            org.blocklist.testing.TestServer.DEFAULT_YAML + "  lookupBatch: 2\n")) {
      HttpResponse<String> r =
          small.server.post(
              "/v1/lookup", small.isp, "{\"domains\":[\"a.example\",\"b.example\",\"c.example\"]}");
      assertEquals(400, r.statusCode());
    }
  }

  @Test
  void isps_showEveryIspPrincipal_theVersionItReceived_andItsLag() throws Exception {
    String ispB = bl.server.addPrincipal("isp-b", org.blocklist.principal.Role.ISP);
    bl.publish("block", "a.example");
    bl.publish("block", "b.example");
    bl.server.get("/v1/delta?from=0", bl.isp);
    bl.publish("block", "c.example");
    JsonNode isps = json(bl.server.get("/v1/isps", bl.prosecutor));
    assertEquals(3, isps.get("latest").asLong());
    JsonNode a = isps.get("isps").get(0);
    assertEquals("isp-a", a.get("name").asText());
    assertEquals(2, a.get("lastVersion").asLong());
    assertEquals(1, a.get("behind").asLong());
    assertEquals("http", a.get("via").asText());
    assertFalse(a.get("lastSeen").isNull());
    JsonNode b = isps.get("isps").get(1);
    assertEquals("isp-b", b.get("name").asText());
    assertEquals(0, b.get("lastVersion").asLong());
    assertEquals(3, b.get("behind").asLong());
    bl.server.get("/v1/snapshot", ispB);
    JsonNode after = json(bl.server.get("/v1/isps", bl.admin)).get("isps").get(1);
    assertEquals(3, after.get("lastVersion").asLong());
    assertEquals(0, after.get("behind").asLong());
  }

  @Test
  void ispStatus_survivesARestart_andShowsAsALagMetric() throws Exception {
    bl.publish("block", "a.example");
    bl.publish("block", "b.example");
    bl.server.get("/v1/delta?from=0", bl.isp);
    String metrics = "";
    for (int i = 0; i < 600 && !metrics.contains("blocklist_isp_behind{isp=\"isp-a\"} 0.0"); i++) {
      metrics = bl.server.get("/metrics", null).body();
      Thread.onSpinWait();
    }
    assertTrue(metrics.contains("blocklist_isp_behind{isp=\"isp-a\"} 0.0"), "per-ISP lag");
    bl.close();
    bl = Blocklist.restart(bl);
    JsonNode a = json(bl.server.get("/v1/isps", bl.auditor)).get("isps").get(0);
    assertEquals("isp-a", a.get("name").asText());
    assertEquals(2, a.get("lastVersion").asLong());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(n -> out.add(Hash.of(Base64.getDecoder().decode(n.asText()))));
    return out;
  }
}
