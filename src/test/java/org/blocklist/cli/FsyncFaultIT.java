package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.blocklist.testing.Binaries;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, failed {@code fsync}: the real jar under libfiu's {@code fiu-run -x} (its POSIX preload
 * library), with {@code posix/io/sync/*} (fsync, fdatasync) made to fail from {@code fiu-ctrl} in
 * the middle of its life, as a dying disk would. The approval whose commit cannot be synced is not
 * acknowledged and publishes nothing (checkpoint, manifest, delta, lookup, the requisition still
 * pending); every later write is refused, even once syncing works again, since nothing can tell
 * what the failed commit left on disk; reads go on; after a restart the service verifies its whole
 * history and serves either the version or nothing, never part of it. Needs {@code fiu-utils}
 * ({@code scripts/install-test-deps.sh}).
 */
class FsyncFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  @Test
  void aFailedFsync_publishesNothing_stopsTheWriter_andARestartVerifies() throws Exception {
    Path fiuRun = Binaries.require("fiu-run");
    Path fiuCtrl = Binaries.require("fiu-ctrl");
    Path config = Files.writeString(dir.resolve("config.yaml"), TestServer.DEFAULT_YAML);
    Path data = dir.resolve("data");
    String police = addPrincipal(data, "police", "officer-1");
    String prosecutor = addPrincipal(data, "prosecutor", "magistrate-1");
    String isp = addPrincipal(data, "isp", "isp-a");
    long failed;
    try (JarProcess.Server server =
        JarProcess.serve(List.of(fiuRun.toString(), "-x"), config, data)) {
      int port = server.port();
      long first = submit(port, police, "first.example");
      HttpResponse<String> ok = post(port, "/v1/requisitions/" + first + "/approve", prosecutor);
      assertEquals(200, ok.statusCode(), ok.body());
      failed = submit(port, police, "second.example");
      long later = submit(port, police, "third.example");

      String pid = Long.toString(server.process.pid());
      Binaries.output(30, List.of(fiuCtrl.toString(), "-c", "enable name=posix/io/sync/*", pid));
      HttpResponse<String> refused =
          post(port, "/v1/requisitions/" + failed + "/approve", prosecutor);
      assertEquals(503, refused.statusCode(), refused.body());
      JsonNode error = JSON.readTree(refused.body());
      assertEquals("store_failed", error.get("error").asText(), refused.body());
      assertEquals(
          Set.of("error", "message", "details"), fieldNames(error), "the JSON error of DESIGN.md");
      assertTrue(error.get("message").asText().contains("not published"), refused.body());

      // Nothing was published: version 1 is the latest everywhere.
      assertEquals("1", get(port, "/v1/checkpoint", null).body().split("\n")[1]);
      assertEquals(404, get(port, "/v1/versions/2", null).statusCode());
      JsonNode delta = JSON.readTree(get(port, "/v1/delta?from=1", isp).body());
      assertEquals(1, delta.get("to").asLong(), delta.toString());
      JsonNode lookup = JSON.readTree(get(port, "/v1/lookup?domain=second.example", isp).body());
      assertEquals(false, lookup.get("blocked").asBoolean(), lookup.toString());
      assertEquals(1, lookup.get("version").asLong());
      JsonNode requisition =
          JSON.readTree(get(port, "/v1/requisitions/" + failed, prosecutor).body());
      assertEquals("pending", requisition.get("status").asText(), requisition.toString());

      // The writer has stopped: syncing works again, writes are still refused, reads go on.
      Binaries.output(30, List.of(fiuCtrl.toString(), "-c", "disable name=posix/io/sync/*", pid));
      HttpResponse<String> stillRefused =
          post(port, "/v1/requisitions/" + later + "/approve", prosecutor);
      assertEquals(503, stillRefused.statusCode(), stillRefused.body());
      assertEquals("store_failed", JSON.readTree(stillRefused.body()).get("error").asText());
      assertEquals(200, get(port, "/v1/snapshot", isp).statusCode());
      assertTrue(
          get(port, "/metrics", null).body().contains("blocklist_writer_stopped 1.0"),
          "the service reports it in its metrics");
      assertTrue(
          server.lines().stream()
              .anyMatch(l -> l.contains("ERROR") && l.contains("writer stopped")),
          "and in its log");
      server.kill9();
    }

    // A restart verifies the whole history; the failed commit is there whole or not at all.
    try (JarProcess.Server again = JarProcess.serve(config, data)) {
      int port = again.port();
      long latest = Long.parseLong(get(port, "/v1/checkpoint", null).body().split("\n")[1]);
      JsonNode requisition =
          JSON.readTree(get(port, "/v1/requisitions/" + failed, prosecutor).body());
      boolean blocked =
          JSON.readTree(get(port, "/v1/lookup?domain=second.example", isp).body())
              .get("blocked")
              .asBoolean();
      if (latest == 2) {
        assertEquals("approved", requisition.get("status").asText(), requisition.toString());
        assertEquals(2, requisition.get("version").asLong());
        assertTrue(blocked);
        assertEquals(200, get(port, "/v1/versions/2", null).statusCode());
      } else {
        assertEquals(1, latest);
        assertEquals("pending", requisition.get("status").asText(), requisition.toString());
        assertEquals(false, blocked);
      }
      // and it writes again
      long next = submit(port, police, "fourth.example");
      HttpResponse<String> ok = post(port, "/v1/requisitions/" + next + "/approve", prosecutor);
      assertEquals(200, ok.statusCode(), ok.body());
      assertEquals(latest + 1, JSON.readTree(ok.body()).get("version").asLong());
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String addPrincipal(Path data, String role, String name) throws Exception {
    JarProcess.Result r =
        JarProcess.run(
            "principal", "add", "--data", data.toString(), "--role", role, "--name", name);
    assertEquals(0, r.status(), r.stderr());
    return r.lastLine();
  }

  private long submit(int port, String token, String domain) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/requisitions"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Blocklist.body("block", domain))));
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).get("id").asLong();
  }

  private HttpResponse<String> post(int port, String path, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(
        b.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
