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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "Graceful shutdown": SIGTERM to the real jar while an approval is being committed and
 * an ISP's long-poll is held. The approval in flight is answered (200, its version) and survives,
 * the held long-poll is answered, and the process is gone within 15 s.
 */
@Tag("slow")
class GracefulShutdownIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Names in the requisition whose approval is in flight: a commit of seconds, not milliseconds.
   */
  private static final int LARGE = 150_000;

  private static final String YAML =
      """
      http: { port: 0 }
      stopPage: { port: 0, requestsPerSecondPerAddress: 0 }
      limits:
        requisitionDomains: 200000
        bodyBytes: 67108864
        requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0 }
        requestsPerSecondPerAddress: 0
      """;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  @Test
  void sigterm_answersTheApprovalInFlightAndTheHeldLongPoll_andExitsWithin15Seconds()
      throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), YAML);
    Path data = dir.resolve("data");
    String police = addPrincipal(data, "police", "officer-1");
    String prosecutor = addPrincipal(data, "prosecutor", "magistrate-1");
    String isp = addPrincipal(data, "isp", "isp-a");
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      int port = server.port();
      long first = submit(port, police, "first.example");
      assertEquals(
          200, post(port, "/v1/requisitions/" + first + "/approve", prosecutor).statusCode());
      String[] names = new String[LARGE];
      for (int i = 0; i < LARGE; i++) {
        names[i] = "n" + i + ".example";
      }
      long large = submit(port, police, names);

      CompletableFuture<HttpResponse<String>> held =
          client.sendAsync(
              request(port, "/v1/delta?from=1&wait=60", isp).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> approval =
          client.sendAsync(
              request(port, "/v1/requisitions/" + large + "/approve", prosecutor)
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Thread.sleep(
          1000); // both requests are with the server; the commit of 150,000 rows is not over

      long sent = System.nanoTime();
      server.process.destroy(); // SIGTERM
      assertTrue(server.process.waitFor(20, TimeUnit.SECONDS), "the process ended");
      double seconds = (System.nanoTime() - sent) / 1e9;

      HttpResponse<String> approved = approval.get(5, TimeUnit.SECONDS);
      assertEquals(200, approved.statusCode(), approved.body());
      assertEquals(2, JSON.readTree(approved.body()).get("version").asLong(), approved.body());
      HttpResponse<String> poll = held.get(5, TimeUnit.SECONDS);
      assertEquals(200, poll.statusCode(), poll.body());
      assertTrue(seconds < 15, "exited " + seconds + " s after SIGTERM");
    }
    try (JarProcess.Server again = JarProcess.serve(config, data)) {
      HttpResponse<String> manifest =
          client.send(
              request(again.port(), "/v1/versions/2", null).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, manifest.statusCode(), "the approval answered 200 survived the shutdown");
      assertTrue(manifest.body().contains("\nadded " + LARGE + "\n"), manifest.body());
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
        client.send(
            request(port, "/v1/requisitions", token)
                .POST(HttpRequest.BodyPublishers.ofString(Blocklist.body("block", domains)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    return body.get("id").asLong();
  }

  private HttpResponse<String> post(int port, String path, String token) throws Exception {
    return client.send(
        request(port, path, token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/json");
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }
}
