package org.blocklist.verify;

import static org.blocklist.verify.Audited.assertStartsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.blocklist.feed.FeedHttp;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TamperingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --archive DIR}: a run against the server keeps what it fetched in the documented
 * layout; the archive re-verifies offline, and an archive edited on disk does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyArchiveTest {
  private Audited audited;
  private Path good;
  private Report online;
  @TempDir Path dir;

  @BeforeAll
  void archive(@TempDir Path shared) throws Exception {
    audited = Audited.start(shared.resolve("data"));
    good = shared.resolve("archive");
    online = archive(audited.bl.server.uri("/"), good);
  }

  @AfterAll
  void stop() {
    audited.close();
  }

  @Test
  void aGoodRun_keepsEverythingItFetched_inTheDocumentedLayout() throws Exception {
    assertTrue(Files.readString(good.resolve("README")).contains("verify --archive DIR"));
    assertEquals(
        audited.bl.server.get("/v1/checkpoint", null).body(),
        Files.readString(good.resolve("checkpoint")));
    for (int v = 1; v <= 4; v++) {
      assertEquals(
          audited.bl.server.get("/v1/versions/" + v, null).body(),
          Files.readString(good.resolve("versions/0000000" + v + ".manifest")));
      assertEquals(
          audited.bl.server.get("/v1/versions/" + v + "/changes", audited.bl.auditor).body(),
          Files.readString(good.resolve("changes/0000000" + v + ".json")));
    }
    String events = Files.readString(good.resolve("events/00000001.json"));
    assertTrue(
        events.startsWith("{\"events\":[{\"seq\":1,\"event\":\"blocklist-audit/v1\\nseq 1\\n"),
        events);
    assertEquals(
        online.audit().events(),
        Blocklist.JSON.readTree(events).get("events").size(),
        "one page holds them all");
    assertEquals(1, count(good.resolve("events")));
    assertFalse(hasTemporaryFiles(good), "no temporary file left");
  }

  @Test
  void theArchiveOfAGoodRun_verifiesOffline_withTheSameReport() throws Exception {
    Report offline = verifier().verifyArchive(good);
    assertEquals("archive " + good, offline.source());
    assertEquals(online.checkpoint(), offline.checkpoint());
    assertEquals(online.entries(), offline.entries());
    assertEquals(online.audit(), offline.audit());
  }

  @Test
  void anArchive_withANameDroppedOnDisk_failsOffline() throws Exception {
    Path copy = copy(good);
    Path changes = copy.resolve("changes/00000004.json");
    Files.writeString(changes, Files.readString(changes).replace("\"e.example\",", ""));
    assertEquals(
        "version 4: added: expected 3 (the signed manifest), computed 2 (the served changes)",
        offlineFailure(copy));
  }

  @Test
  void anArchive_withAnEditedManifest_failsOffline() throws Exception {
    Path copy = copy(good);
    Path manifest = copy.resolve("versions/00000002.manifest");
    Files.writeString(
        manifest, Files.readString(manifest).replace("\nentries 3\n", "\nentries 2\n"));
    assertEquals(
        "version 2: entries: expected 2 (the signed manifest), computed 3 (the replayed list)",
        offlineFailure(copy));
  }

  @Test
  void anArchive_withAnEventDeleted_failsOffline() throws Exception {
    Path copy = copy(good);
    Path page = copy.resolve("events/00000001.json");
    com.fasterxml.jackson.databind.node.ObjectNode events =
        (com.fasterxml.jackson.databind.node.ObjectNode) Blocklist.JSON.readTree(page.toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) events.get("events")).remove(9);
    Files.writeString(page, events.toString());
    assertEquals(
        "audit events: seq: expected 10 (numbered from 1 without gaps), computed 11 (the served"
            + " event)",
        offlineFailure(copy));
  }

  @Test
  void anArchive_withAnEditedCheckpoint_failsOffline() throws Exception {
    Path copy = copy(good);
    Path checkpoint = copy.resolve("checkpoint");
    Files.writeString(checkpoint, VerifyServerTest.forgeSignature(Files.readString(checkpoint)));
    assertStartsWith("checkpoint: ", offlineFailure(copy));
  }

  @Test
  void anArchive_missingAVersionsChanges_failsOffline() throws Exception {
    Path copy = copy(good);
    Files.delete(copy.resolve("changes/00000003.json"));
    assertEquals(
        "version 3: changes: "
            + copy.resolve("changes/00000003.json")
            + " is missing from the archive",
        offlineFailure(copy));
  }

  @Test
  void anArchive_isWrittenOnlyIntoANewOrEmptyDirectory() throws Exception {
    VerificationException e =
        assertThrows(VerificationException.class, () -> archive(audited.bl.server.uri("/"), good));
    assertEquals(
        "archive " + good + ": not empty (expected: a new or empty directory)", e.getMessage());
  }

  @Test
  void aRunThatFails_stillKeepsTheEvidence_whichFailsOfflineTheSameWay() throws Exception {
    Path evidence = dir.resolve("evidence");
    String online;
    try (TamperingProxy proxy = TamperingProxy.start(audited.server())) {
      proxy.onPath(
          "/v1/versions/2/changes",
          VerifyServerTest.changes(c -> VerifyServerTest.drop(c, "added", "c.example")));
      online =
          assertThrows(VerificationException.class, () -> archive(proxy.uri(), evidence))
              .getMessage();
    }
    assertEquals(online, offlineFailure(evidence));
  }

  private Report archive(java.net.URI server, Path to) throws VerificationException {
    return verifier().verifyServer(new FeedHttp(server, audited.bl.auditor), Optional.of(to));
  }

  private Verifier verifier() {
    return audited.verifier(audited.trust, VerifyLimits.DEFAULT, Audited.quiet());
  }

  private String offlineFailure(Path archive) {
    return Audited.message(() -> verifier().verifyArchive(archive));
  }

  private Path copy(Path from) throws Exception {
    Path to = Files.createTempDirectory(dir, "archive");
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static long count(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }

  private static boolean hasTemporaryFiles(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }
  }
}
