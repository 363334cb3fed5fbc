package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blocklist.store.Database;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "Confidentiality": a canary entry is listed, looked up, delivered and unblocked through
 * the real jar, with failing requests around it; then everything the service wrote is grepped for
 * it. The list's names may be in the store and in answers to tokens allowed to read them
 * (DESIGN.md), and nowhere else: not in the log, not in {@code /metrics}, not in any answer to a
 * request without a token, not in any other file of the data directory.
 */
class ConfidentialityIT {
  private static final String CANARY = "canary-7f3a9c.example";
  private static final String CANARY_LABEL = "canary-7f3a9c";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aListedName_appearsInNoLog_noMetric_noAnswerWithoutAToken_andNoFileButTheStore()
      throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), TestServer.DEFAULT_YAML);
    Path data = dir.resolve("data");
    String police = token(data, "police", "officer-1");
    String prosecutor = token(data, "prosecutor", "magistrate-1");
    String isp = token(data, "isp", "isp-a");
    List<String> public_ = new ArrayList<>();
    List<String> lines;
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      int port = server.port();
      long id = submit(port, police, "block", CANARY, "www." + CANARY + "x");
      assertEquals(
          200,
          send(port, "POST", "/v1/requisitions/" + id + "/approve", prosecutor, "{}").statusCode());
      // The ISP's work: lookups (found, below, not found), batch, delta, snapshot.
      send(port, "GET", "/v1/lookup?domain=www." + CANARY, isp, null);
      send(port, "GET", "/v1/lookup?domain=not-" + CANARY, isp, null);
      send(
          port,
          "POST",
          "/v1/lookup",
          isp,
          "{\"domains\":[\"" + CANARY + "\",\"_" + CANARY + "\"]}");
      send(port, "GET", "/v1/delta?from=0", isp, null);
      send(port, "GET", "/v1/snapshot", isp, null);
      // Refused and failing requests around it.
      send(port, "POST", "/v1/requisitions", police, body("block", CANARY)); // 409 already listed
      send(port, "GET", "/v1/lookup?domain=" + CANARY, "not-a-token", null); // 401
      send(port, "GET", "/v1/lookup?domain=" + CANARY, police + "x", null);
      send(port, "GET", "/v1/snapshot?x=" + CANARY, isp, null); // unknown parameter
      long unblock = submit(port, police, "unblock", CANARY);
      assertEquals(
          200,
          send(port, "POST", "/v1/requisitions/" + unblock + "/approve", prosecutor, "{}")
              .statusCode());
      // Every route that needs no token, and /metrics.
      for (String path :
          List.of(
              "/v1/checkpoint",
              "/v1/keys",
              "/v1/versions",
              "/v1/versions/1",
              "/v1/versions/2",
              "/v1/proof/inclusion?version=1&treeSize=2",
              "/v1/proof/consistency?from=1&to=2",
              "/healthz",
              "/metrics",
              "/v1/lookup?domain=" + CANARY,
              "/v1/versions/1/changes",
              "/v1/delta?from=0",
              "/v1/snapshot")) {
        HttpResponse<String> r = send(port, "GET", path, null, null);
        public_.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
      }
      lines = server.lines();
    }
    for (String answer : public_) {
      assertFalse(
          answer.contains(CANARY_LABEL), "an answer without a token (headers, body): " + answer);
    }
    for (String line : lines) {
      assertFalse(line.contains(CANARY_LABEL), "the log: " + line);
    }
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.getFileName().toString().startsWith(Database.FILE_NAME)) {
          continue; // the store, its WAL and shared memory: the list lives there
        }
        assertFalse(
            new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(CANARY_LABEL),
            "file " + f);
      }
    }
    assertTrue(public_.size() > 10);
  }

  private String token(Path data, String role, String name) throws Exception {
    JarProcess.Result r =
        JarProcess.run(
            "principal", "add", "--data", data.toString(), "--role", role, "--name", name);
    assertEquals(0, r.status(), r.stderr());
    return r.lastLine();
  }

  private long submit(int port, String token, String action, String... domains) throws Exception {
    HttpResponse<String> r = send(port, "POST", "/v1/requisitions", token, body(action, domains));
    assertEquals(201, r.statusCode(), r.body());
    return json.readTree(r.body()).get("id").asLong();
  }

  private static String body(String action, String... domains) throws Exception {
    return Blocklist.body(action, domains);
  }

  private HttpResponse<String> send(int port, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
