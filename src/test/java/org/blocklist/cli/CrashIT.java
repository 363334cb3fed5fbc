package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.blocklist.log.Checkpoint;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignedNote;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability with a real {@code kill -9} of the real jar: an approval acknowledged with 200
 * survives, and a crash in the middle of approvals leaves whole versions only (the restarted
 * service verifies its history before serving).
 */
class CrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  @Test
  void kill9_rightAfterAnAcknowledgedApproval_theVersionIsThereAfterRestart() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), TestServer.DEFAULT_YAML);
    Path data = dir.resolve("data");
    long acknowledged;
    String police;
    String prosecutor;
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      police = addPrincipal(data, "police", "officer-1");
      prosecutor = addPrincipal(data, "prosecutor", "magistrate-1");
      long id = submit(server.port(), police, "first.example", "second.example");
      acknowledged = approve(server.port(), prosecutor, id);
      assertEquals(1, acknowledged);
      server.kill9();
    }
    try (JarProcess.Server again = JarProcess.serve(config, data)) {
      Checkpoint cp = checkpoint(again.port());
      assertEquals(acknowledged, cp.size(), "the acknowledged version survived kill -9");
      HttpResponse<String> manifest = get(again.port(), "/v1/versions/1", null);
      assertEquals(200, manifest.statusCode());
      assertTrue(manifest.body().contains("entries 2\n"), manifest.body());
      assertEquals(
          "approved",
          JSON.readTree(get(again.port(), "/v1/requisitions/1", police).body())
              .get("status")
              .asText());
    }
  }

  @Test
  void kill9_duringAStreamOfApprovals_leavesOnlyWholeVersions() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), TestServer.DEFAULT_YAML);
    Path data = dir.resolve("data");
    AtomicLong acknowledged = new AtomicLong();
    CountDownLatch fifteen = new CountDownLatch(15);
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      String police = addPrincipal(data, "police", "officer-1");
      String prosecutor = addPrincipal(data, "prosecutor", "magistrate-1");
      Thread approvals =
          new Thread(
              () -> {
                try {
                  for (int i = 0; ; i++) {
                    long id =
                        submit(
                            server.port(), police, "n" + i + "-a.example", "n" + i + "-b.example");
                    acknowledged.set(approve(server.port(), prosecutor, id));
                    fifteen.countDown();
                  }
                } catch (Exception | AssertionError e) {
                  // the server was killed under us: expected
                }
              });
      approvals.start();
      assertTrue(fifteen.await(120, TimeUnit.SECONDS), "15 approvals acknowledged");
      server.kill9();
      approvals.join(30_000);
    }
    try (JarProcess.Server again = JarProcess.serve(config, data)) {
      long size = checkpoint(again.port()).size();
      assertTrue(
          size >= acknowledged.get(),
          "every acknowledged approval survived: " + size + " >= " + acknowledged.get());
      assertTrue(size <= acknowledged.get() + 1, "at most the one in flight was also committed");
      HttpResponse<String> manifest = get(again.port(), "/v1/versions/" + size, null);
      assertTrue(manifest.body().contains("entries " + (2 * size) + "\n"), manifest.body());
    }
  }

  private static String addPrincipal(Path data, String role, String name) throws Exception {
    JarProcess.Result r =
        JarProcess.run(
            "principal", "add", "--data", data.toString(), "--role", role, "--name", name);
    assertEquals(0, r.status(), r.stderr());
    return r.lastLine();
  }

  private long submit(int port, String token, String... domains) throws Exception {
    HttpResponse<String> r =
        post(port, "/v1/requisitions", token, Blocklist.body("block", domains));
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("id").asLong();
  }

  private long approve(int port, String token, long id) throws Exception {
    HttpResponse<String> r = post(port, "/v1/requisitions/" + id + "/approve", token, "{}");
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("version").asLong();
  }

  private Checkpoint checkpoint(int port) throws Exception {
    JsonNode keys = JSON.readTree(get(port, "/v1/keys", null).body());
    SignedNote note = SignedNote.parse(get(port, "/v1/checkpoint", null).body());
    note.verify(NoteVerifierKey.parse(keys.get("verifierKey").asText()));
    return Checkpoint.parseBody(note.text());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
