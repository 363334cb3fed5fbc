package org.blocklist.verify;

import static org.blocklist.verify.Audited.assertStartsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.blocklist.log.ListTexts;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TamperingProxy;
import org.blocklist.testing.TamperingProxy.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} against the real server, directly and through a proxy that tampers with one kind
 * of answer at a time: each tampering is named (version, field, expected and computed value).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyServerTest {
  private Audited audited;
  private TamperingProxy proxy;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    audited = Audited.start(dir.resolve("data"));
  }

  @AfterAll
  void stop() {
    audited.close();
  }

  @BeforeEach
  void proxy() throws Exception {
    proxy = TamperingProxy.start(audited.server());
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  @Test
  void goodHistory_verifies_andTheReportSaysWhatItHolds() throws Exception {
    Report report = audited.verify(audited.server());
    assertEquals(4, report.versions());
    assertEquals(5, report.entries());
    AuditSummary audit = report.audit();
    assertEquals(7, audit.submitted());
    assertEquals(4, audit.approved());
    assertEquals(1, audit.rejected());
    assertEquals(1, audit.withdrawn());
    assertEquals(1, audit.pending());
    assertTrue(report.firstPublished().isPresent());
    assertFalse(report.lastPublished().orElseThrow().isBefore(report.firstPublished().get()));
    String text = report.text();
    assertTrue(text.startsWith("verified: blocklist.example/log from http://127.0.0.1:"), text);
    assertTrue(text.contains("\nversions: 4\nentries: 5\n"), text);
    assertTrue(
        text.contains(
            "requisitions: 7 submitted: 4 approved, 1 rejected, 1 withdrawn, 1 pending\n"),
        text);
    assertTrue(
        text.contains("checkpoint: size 4, root " + report.checkpoint().root().base64()), text);
  }

  @Test
  void throughAnUntouchedProxy_verifies() throws Exception {
    assertEquals(4, audited.verify(proxy.uri()).versions());
  }

  @Test
  void aNameDroppedFromAVersionsChanges_isNamed() {
    proxy.onPath("/v1/versions/4/changes", changes(c -> drop(c, "added", "e.example")));
    assertEquals(
        "version 4: added: expected 3 (the signed manifest), computed 2 (the served changes)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aNameAddedToAVersionsChanges_isNamed() {
    proxy.onPath("/v1/versions/2/changes", changes(c -> add(c, "added", "x.example")));
    assertEquals(
        "version 2: added: expected 1 (the signed manifest), computed 2 (the served changes)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aNameSwappedInAVersionsChanges_failsItsChangesDigest() throws Exception {
    proxy.onPath(
        "/v1/versions/2/changes",
        changes(c -> add(drop(c, "added", "c.example"), "added", "cc.example")));
    String expected = manifestLine(2, "changes");
    String computed =
        ListTexts.changesDigest(java.util.List.of("cc.example"), java.util.List.of()).hex();
    assertEquals(
        "version 2: changes: expected "
            + expected
            + " (the signed manifest), computed "
            + computed
            + " (SHA-256 of the served changes text)",
        audited.failure(proxy.uri()));
  }

  @Test
  void unsortedChanges_areRefused() {
    proxy.onPath(
        "/v1/versions/4/changes",
        changes(
            c -> {
              ArrayNode added = (ArrayNode) c.get("added");
              JsonNode first = added.remove(0);
              added.add(first);
              return c;
            }));
    assertEquals(
        "version 4: added: \"d.example\" after \"f.example\" (expected: names sorted by byte order,"
            + " each once)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aNameNotInCanonicalForm_isRefused() {
    proxy.onPath(
        "/v1/versions/2/changes",
        changes(c -> add(drop(c, "added", "c.example"), "added", "C.example")));
    assertEquals(
        "version 2: added: \"C.example\" is not a canonical entry name",
        audited.failure(proxy.uri()));
  }

  @Test
  void anEditedManifestEntriesCount_isNamed() {
    proxy.onPath("/v1/versions", manifests(2, m -> m.replace("\nentries 3\n", "\nentries 4\n")));
    assertEquals(
        "version 2: entries: expected 4 (the signed manifest), computed 3 (the replayed list)",
        audited.failure(proxy.uri()));
  }

  @Test
  void anEditedManifestListDigest_isNamed() throws Exception {
    String list = manifestLine(3, "list");
    String forged = "0".repeat(64);
    proxy.onPath(
        "/v1/versions", manifests(3, m -> m.replace("\nlist " + list, "\nlist " + forged)));
    assertEquals(
        "version 3: list: expected "
            + forged
            + " (the signed manifest), computed "
            + list
            + " (SHA-256 of the replayed list's snapshot text)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aManifestOfAnotherOrigin_isNamed() {
    proxy.onPath(
        "/v1/versions",
        manifests(1, m -> m.replace("origin blocklist.example/log", "origin other.example/log")));
    assertEquals(
        "version 1: origin: expected blocklist.example/log (the trusted key), computed"
            + " other.example/log (the manifest)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aMissingVersion_isNamed() {
    proxy.onPath(
        "/v1/versions",
        a -> {
          ObjectNode page = json(a);
          ((ArrayNode) page.get("versions")).remove(1);
          return a.withBody(page.toString());
        });
    assertEquals(
        "versions: version: expected 2 (contiguous from 1), computed 3 (the next manifest served)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aForgedCheckpointSignature_isRefused() {
    proxy.onPath("/v1/checkpoint", a -> a.withBody(forgeSignature(a.text())));
    assertStartsWith("checkpoint: ", audited.failure(proxy.uri()));
    assertTrue(audited.failure(proxy.uri()).contains("signature"), audited.failure(proxy.uri()));
  }

  @Test
  void anEditedAuditEvent_failsItsServedHash() throws Exception {
    proxy.onPath(
        "/v1/audit/events",
        a -> {
          ObjectNode page = json(a);
          for (JsonNode event : page.get("events")) {
            if (event.get("seq").asLong() == 3) {
              String text = event.get("event").asText();
              ((ObjectNode) event)
                  .put("event", text.replaceFirst("\nactor [^\n]+", "\nactor nobody"));
            }
          }
          return a.withBody(page.toString());
        });
    assertStartsWith("audit event 3: hash: expected ", audited.failure(proxy.uri()));
  }

  @Test
  void aSlowBody_isAbandonedAtTheTimeLimit_namingTheVersion() {
    proxy.onPath("/v1/versions/2/changes", a -> a.slow(Duration.ofMillis(200)));
    assertEquals(
        "version 2: changes: GET /v1/versions/2/changes: no complete answer within 1000 ms",
        audited.failure(proxy.uri(), VerifyLimits.DEFAULT.withTimeouts(Duration.ofSeconds(1))));
  }

  @Test
  void anEndlessBody_isCutAtTheSizeLimit_namingTheVersion() {
    proxy.onPath("/v1/versions/3/changes", Answer::endless);
    String failure = audited.failure(proxy.uri());
    assertEquals(
        "version 3: changes: GET /v1/versions/3/changes: the answer is more than "
            + VerifyLimits.DEFAULT.changesBytes()
            + " bytes (limit: "
            + VerifyLimits.DEFAULT.changesBytes()
            + " bytes)",
        failure);
  }

  @Test
  void aBodyShorterThanItsContentLength_isAReadFailure_namingTheVersion() {
    proxy.onPath("/v1/versions/1/changes", a -> a.truncated(a.body().length + 10L));
    VerificationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            VerificationException.class, () -> audited.verify(proxy.uri()));
    assertTrue(e.unreadable(), e.getMessage());
    assertStartsWith("version 1: changes: GET /v1/versions/1/changes: ", e.getMessage());
  }

  @Test
  void anErrorStatus_isAReadFailure() {
    proxy.onPath(
        "/v1/audit/events",
        a -> a.withStatus(503).withBody("{\"error\":\"unavailable\",\"message\":\"busy\"}"));
    VerificationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            VerificationException.class, () -> audited.verify(proxy.uri()));
    assertTrue(e.unreadable());
    assertEquals(
        "events: GET /v1/audit/events?from=1&limit=1000: the server answered 503 unavailable: busy",
        e.getMessage());
  }

  @Test
  void fewerManifestsThanTheCheckpointSays_isNamed() {
    proxy.onPath(
        "/v1/versions",
        a -> {
          ObjectNode page = json(a);
          ((ArrayNode) page.get("versions")).removeIf(v -> v.get("version").asLong() == 4);
          return a.withBody(page.toString());
        });
    assertEquals(
        "versions: count: expected 4 (the signed checkpoint), computed 3 (the manifests served)",
        audited.failure(proxy.uri()));
  }

  @Test
  void aTrustedKeyOfAnotherServer_refusesTheCheckpoint(@TempDir Path other) throws Exception {
    try (Blocklist stranger = Blocklist.start(other.resolve("data"))) {
      String failure = audited.failure(audited.server(), Audited.trustOf(stranger));
      assertStartsWith("checkpoint: ", failure);
    }
  }

  // ------------------------------------------------------------------ helpers

  private String manifestLine(long version, String key) throws Exception {
    String manifest = audited.bl.server.get("/v1/versions/" + version, null).body();
    for (String line : manifest.split("\n")) {
      if (line.startsWith(key + " ")) {
        return line.substring(key.length() + 1);
      }
    }
    throw new AssertionError("no " + key + " in " + manifest);
  }

  static ObjectNode json(Answer a) {
    try {
      return (ObjectNode) Blocklist.JSON.readTree(a.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static UnaryOperator<Answer> changes(UnaryOperator<ObjectNode> edit) {
    return a -> a.withBody(edit.apply(json(a)).toString());
  }

  static UnaryOperator<Answer> manifests(long version, UnaryOperator<String> edit) {
    return a -> {
      ObjectNode page = json(a);
      for (JsonNode item : page.get("versions")) {
        if (item.get("version").asLong() == version) {
          ((ObjectNode) item).put("manifest", edit.apply(item.get("manifest").asText()));
        }
      }
      return a.withBody(page.toString());
    };
  }

  static ObjectNode drop(ObjectNode changes, String key, String name) {
    ArrayNode names = (ArrayNode) changes.get(key);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).asText().equals(name)) {
        names.remove(i);
        return changes;
      }
    }
    throw new AssertionError(name + " is not in " + key + ": " + changes);
  }

  /** Adds {@code name} to the list {@code key}, keeping it sorted. */
  static ObjectNode add(ObjectNode changes, String key, String name) {
    ArrayNode names = (ArrayNode) changes.get(key);
    java.util.List<String> sorted = new java.util.ArrayList<>();
    names.forEach(n -> sorted.add(n.asText()));
    sorted.add(name);
    java.util.Collections.sort(sorted);
    names.removeAll();
    sorted.forEach(names::add);
    return changes;
  }

  /** The note with one bit of its signature flipped. */
  static String forgeSignature(String note) {
    int dash = note.lastIndexOf("— ");
    String[] parts = note.substring(dash).strip().split(" ");
    byte[] sig = Base64.getDecoder().decode(parts[2]);
    sig[10] ^= 1;
    return note.substring(0, dash)
        + parts[0]
        + " "
        + parts[1]
        + " "
        + Base64.getEncoder().encodeToString(sig)
        + "\n";
  }
}
