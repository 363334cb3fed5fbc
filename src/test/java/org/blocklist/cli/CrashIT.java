package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blocklist.log.Checkpoint;
import org.blocklist.signing.NoteVerifierKey;
import org.blocklist.signing.SignedNote;
import org.blocklist.store.Database;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability with a real {@code kill -9} of the real jar: the live store commits to disk (WAL,
 * {@code synchronous=FULL} as its writer reports it, WAL in the file itself); an approval
 * acknowledged with 200 survives; and a crash in the middle of approvals leaves whole versions only
 * (the restarted service verifies its history before serving). The only failure the kill may cause
 * is the in-flight request's connection failing; any other answer fails the test.
 */
class CrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server logs at start about its writer's connection (read back from SQLite). */
  private static final Pattern STORE_LINE =
      Pattern.compile("(?:^|\\s)store (.+): (journal_mode.*)$");

  /** {@code synchronous=2} is SQLite's FULL: every commit is synced before it returns. */
  private static final String FULL_DURABILITY = "journal_mode=wal synchronous=2";

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
      assertCommitsReachTheDisk(server, data);
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
    long acknowledged;
    try (JarProcess.Server server = JarProcess.serve(config, data)) {
      assertCommitsReachTheDisk(server, data);
      Approvals approvals =
          new Approvals(
              server.port(),
              addPrincipal(data, "police", "officer-1"),
              addPrincipal(data, "prosecutor", "magistrate-1"));
      Thread thread = new Thread(approvals, "approvals");
      thread.start();
      assertTrue(approvals.fifteen.await(120, TimeUnit.SECONDS), "15 approvals acknowledged");
      approvals.assertNoFailure("before the kill");
      approvals.killed.set(true);
      server.kill9();
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(thread.isAlive(), "the approvals stopped when the server died");
      approvals.assertNoFailure("at the kill");
      assertNotNull(approvals.cutOff, "the approvals ended on the killed server's connection");
      acknowledged = approvals.acknowledged.get();
    }
    try (JarProcess.Server again = JarProcess.serve(config, data)) {
      long size = checkpoint(again.port()).size();
      assertTrue(
          size >= acknowledged,
          "every acknowledged approval survived: " + size + " >= " + acknowledged);
      assertTrue(size <= acknowledged + 1, "at most the one in flight was also committed");
      HttpResponse<String> manifest = get(again.port(), "/v1/versions/" + size, null);
      assertEquals(200, manifest.statusCode(), manifest.body());
      assertTrue(manifest.body().contains("entries " + (2 * size) + "\n"), manifest.body());
    }
  }

  /**
   * Submits and approves, each approval checked in full, until the server is killed under it. The
   * in-flight request's connection failing after the kill ({@link IOException}: {@code
   * ConnectException}, {@code HttpTimeoutException}, a reset) is the one way it may stop; any other
   * failure (a wrong status, a bad body, a connection failing before the kill) is kept and fails
   * the test.
   */
  private final class Approvals implements Runnable {
    final int port;
    final String police;
    final String prosecutor;
    final AtomicLong acknowledged = new AtomicLong();
    final CountDownLatch fifteen = new CountDownLatch(15);
    final AtomicBoolean killed = new AtomicBoolean();
    volatile Throwable failure;
    volatile IOException cutOff;

    Approvals(int port, String police, String prosecutor) {
      this.port = port;
      this.police = police;
      this.prosecutor = prosecutor;
    }

    @Override
    public void run() {
      try {
        for (long next = 1; ; next++) {
          long id = submit(port, police, "n" + next + "-a.example", "n" + next + "-b.example");
          long version = approve(port, prosecutor, id);
          assertEquals(next, version, "each approval publishes the next version");
          acknowledged.set(version);
          fifteen.countDown();
        }
      } catch (IOException e) {
        if (killed.get()) {
          cutOff = e;
        } else {
          failure = e;
        }
      } catch (Exception | AssertionError e) {
        failure = e;
      } finally {
        while (fifteen.getCount() > 0) {
          fifteen.countDown(); // wake the test at once if the approvals stopped early
        }
      }
    }

    void assertNoFailure(String when) {
      if (failure != null) {
        throw new AssertionError(
            "the approvals failed " + when + " after " + acknowledged.get() + ": " + failure,
            failure);
      }
    }
  }

  /**
   * The server's writer runs WAL with {@code synchronous=FULL}, as it logs at start (read back from
   * its own connection), and the live file is in WAL mode for any other connection too (WAL is
   * persistent in the file).
   */
  private static void assertCommitsReachTheDisk(JarProcess.Server server, Path data)
      throws Exception {
    Path file = data.resolve(Database.FILE_NAME);
    Optional<Matcher> line = server.awaitLine(STORE_LINE, Duration.ofSeconds(10));
    assertTrue(line.isPresent(), "the server logged its store: " + server.lines());
    assertEquals(file.toAbsolutePath().normalize(), Path.of(line.get().group(1)).normalize());
    assertEquals(FULL_DURABILITY, line.get().group(2), line.get().group());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      assertTrue(rs.next(), "PRAGMA journal_mode answered");
      assertEquals("wal", rs.getString(1), "journal mode of the live " + file);
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
    JsonNode body = JSON.readTree(r.body());
    assertEquals("pending", body.get("status").asText(), r.body());
    return body.get("id").asLong();
  }

  private long approve(int port, String token, long id) throws Exception {
    HttpResponse<String> r = post(port, "/v1/requisitions/" + id + "/approve", token, "{}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(id, body.get("id").asLong(), r.body());
    assertEquals("approved", body.get("status").asText(), r.body());
    return body.get("version").asLong();
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
