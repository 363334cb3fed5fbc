package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.blocklist.ledger.Principals;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.signing.KeyFiles;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.PostgresDatabase;
import org.blocklist.testing.FreePort;
import org.blocklist.testing.Poll;
import org.blocklist.testing.Postgres;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of the real jar on one real PostgreSQL (DESIGN.md, "Architecture"; issue 12): exactly
 * one writer, writes through any replica, {@code kill -9} of the writer under a stream of approvals
 * (acknowledged approvals lost: 0, versions contiguous, every replica at the same checkpoint), and
 * a database restart mid-stream (clean 503s, then recovery with no restart of the replicas). The
 * oracle is DESIGN.md's contract read over HTTP and the rows read with plain SQL.
 *
 * <p>{@code -Dblocklist.replica.kills=N} sets the number of kills (5 by default, to keep CI short;
 * {@code benchmarks/run-pg-bench.sh} runs 20).
 */
class ReplicaIT {
  static final int KILLS = Integer.getInteger("blocklist.replica.kills", 5);
  static final int FAILOVER_SECONDS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final List<Replica> replicas = new ArrayList<>();

  @TempDir Path dir;

  private Postgres own;
  private String url;
  private String police;
  private String prosecutor;
  private int next;

  @AfterEach
  void stopAll() throws Exception {
    for (Replica r : replicas) {
      r.stop();
    }
    if (own != null) {
      own.stop();
    }
  }

  @Test
  void twoReplicas_oneWriter_writesThroughEither_readsConverge() throws Exception {
    cluster(Postgres.shared(), 2);
    List<String> roles = new ArrayList<>();
    for (Replica r : replicas) {
      roles.add(json(get(r, "/healthz", null)).get("role").asText());
    }
    roles.sort(null);
    assertEquals(List.of("replica", "writer"), roles, "exactly one writer");
    Replica notWriter = replicas.stream().filter(r -> !r.isWriter()).findFirst().orElseThrow();
    HttpResponse<String> submitted =
        post(notWriter, "/v1/requisitions", police, body("forwarded.example")).orElseThrow();
    assertEquals(201, submitted.statusCode(), "a write sent to a replica is forwarded");
    long id = json(submitted).get("id").asLong();
    HttpResponse<String> approved =
        post(notWriter, "/v1/requisitions/" + id + "/approve", prosecutor, "{}").orElseThrow();
    assertEquals(200, approved.statusCode(), approved.body());
    assertEquals(1, json(approved).get("version").asLong());
    String checkpoint = converged(1);
    assertTrue(checkpoint.startsWith("blocklist.example/log\n1\n"), checkpoint);
    HttpResponse<String> lookup =
        get(notWriter, "/v1/lookup?domain=www.forwarded.example", prosecutor);
    assertTrue(json(lookup).get("blocked").asBoolean(), "the replica serves the new version");
  }

  @Test
  void kill9OfTheWriter_underAStreamOfApprovals_losesNoAcknowledgedApproval() throws Exception {
    cluster(Postgres.shared(), 3);
    Map<Long, Long> acknowledged = new LinkedHashMap<>();
    int n = 0;
    for (int kill = 0; kill <= KILLS; kill++) {
      for (int i = 0; i < 3; i++) {
        long id = submit("stream-" + n++ + ".example");
        approve(id).ifPresent(v -> acknowledged.put(id, v));
      }
      if (kill == KILLS) {
        break;
      }
      // an approval in flight on the writer when it is killed
      Replica writer = writer();
      long id = submit("stream-" + n++ + ".example");
      CompletableFuture<HttpResponse<String>> inFlight =
          client.sendAsync(
              request(writer, "/v1/requisitions/" + id + "/approve", prosecutor)
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      writer.kill9();
      HttpResponse<String> answer = inFlight.handle((r, e) -> r).join();
      if (answer != null && answer.statusCode() == 200) {
        acknowledged.put(id, json(answer).get("version").asLong());
      } else {
        approve(id).ifPresent(v -> acknowledged.put(id, v));
      }
      writer.start(); // verifies the whole history before it serves
    }
    long latest = checkRows(acknowledged);
    assertTrue(acknowledged.size() >= 3 * (KILLS + 1), "acknowledged: " + acknowledged.size());
    converged(latest);
  }

  @Test
  void databaseRestart_midStream_cleanErrors_thenRecovery() throws Exception {
    own = Postgres.startNew();
    cluster(own, 2);
    Map<Long, Long> acknowledged = new LinkedHashMap<>();
    long first = submit("before.example");
    approve(first).ifPresent(v -> acknowledged.put(first, v));
    own.stop();
    for (Replica r : replicas) {
      HttpResponse<String> refused =
          post(r, "/v1/requisitions", police, body("during.example")).orElseThrow();
      assertEquals(503, refused.statusCode(), refused.body());
      String code = json(refused).get("error").asText();
      assertTrue(code.equals("no_writer") || code.equals("unavailable"), refused.body());
      assertEquals(200, get(r, "/v1/checkpoint", null).statusCode(), "reads from memory");
    }
    own.startAgain();
    for (int i = 0; i < 3; i++) {
      long id = submit("after-" + i + ".example");
      approve(id).ifPresent(v -> acknowledged.put(id, v));
    }
    long latest = checkRows(acknowledged);
    assertEquals(4, latest);
    converged(latest);
  }

  // ---------------------------------------------------------------------------------------------

  /** Starts {@code count} replicas on a new database, all with the first one's signing key. */
  private void cluster(Postgres pg, int count) throws Exception {
    url = pg.newDatabase();
    for (int i = 0; i < count; i++) {
      Replica r = new Replica(pg, i);
      replicas.add(r);
      if (i > 0) {
        r.copyKeyFrom(replicas.get(0));
      }
      r.start();
    }
    try (JdbcStore store =
        JdbcStore.open(PostgresDatabase.open(url, Postgres.USER, pg.passwordFile()))) {
      police = add(store, "officer-1", Role.POLICE);
      prosecutor = add(store, "magistrate-1", Role.PROSECUTOR);
    }
  }

  private static String add(JdbcStore store, String name, Role role) throws Exception {
    return Principals.add(
        store,
        new Principal(name, role),
        "cli:test",
        Clock.systemUTC().instant(),
        new SecureRandom());
  }

  /** Submits through any replica, retrying while none writes; the requisition's id. */
  private long submit(String domain) throws Exception {
    return Poll.until(
        PATIENCE,
        () -> "a submission of " + domain + " accepted",
        () -> {
          Optional<HttpResponse<String>> r = post(any(), "/v1/requisitions", police, body(domain));
          if (r.isEmpty() || r.get().statusCode() == 503) {
            return Optional.empty();
          }
          assertEquals(201, r.get().statusCode(), r.get().body());
          return Optional.of(json(r.get()).get("id").asLong());
        });
  }

  /**
   * Approves through any replica, retrying while none writes; the version if a 200 acknowledged it,
   * empty if an earlier attempt whose answer was lost had approved it already.
   */
  private Optional<Long> approve(long id) throws Exception {
    return Poll.until(
        PATIENCE,
        () -> "approval of " + id,
        () -> {
          Optional<HttpResponse<String>> r =
              post(any(), "/v1/requisitions/" + id + "/approve", prosecutor, "{}");
          if (r.isEmpty() || r.get().statusCode() == 503) {
            return Optional.empty();
          }
          if (r.get().statusCode() == 409) {
            assertEquals("not_pending", json(r.get()).get("error").asText(), r.get().body());
            return Optional.of(Optional.<Long>empty());
          }
          assertEquals(200, r.get().statusCode(), r.get().body());
          return Optional.of(Optional.of(json(r.get()).get("version").asLong()));
        });
  }

  /**
   * Every acknowledged approval is in the rows with its version, and the versions are 1..latest
   * with no gap; returns latest.
   */
  private long checkRows(Map<Long, Long> acknowledged) throws Exception {
    try (Connection c = connect()) {
      List<Long> versions = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM versions ORDER BY version")) {
        while (rs.next()) {
          versions.add(rs.getLong(1));
        }
      }
      for (int i = 0; i < versions.size(); i++) {
        assertEquals(i + 1, versions.get(i), "versions contiguous: " + versions);
      }
      for (Map.Entry<Long, Long> e : acknowledged.entrySet()) {
        try (PreparedStatement s =
            c.prepareStatement("SELECT status, version FROM requisitions WHERE id = ?")) {
          s.setLong(1, e.getKey());
          try (ResultSet rs = s.executeQuery()) {
            assertTrue(rs.next(), "requisition " + e.getKey());
            assertEquals("approved", rs.getString(1), "acknowledged approval " + e.getKey());
            assertEquals(e.getValue(), rs.getLong(2), "its acknowledged version");
          }
        }
      }
      return versions.size();
    }
  }

  private Connection connect() throws Exception {
    return (own != null ? own : Postgres.shared()).connectUrl(url);
  }

  /** Waits until every replica serves the same checkpoint, of version {@code latest}. */
  private String converged(long latest) throws Exception {
    return Poll.until(
        PATIENCE,
        () -> "every replica at the checkpoint of version " + latest,
        () -> {
          String seen = null;
          for (Replica r : replicas) {
            HttpResponse<String> cp = get(r, "/v1/checkpoint", null);
            if (!cp.body().startsWith("blocklist.example/log\n" + latest + "\n")) {
              return Optional.empty();
            }
            if (seen != null && !seen.equals(cp.body())) {
              return fail("two checkpoints of version " + latest + ":\n" + seen + cp.body());
            }
            seen = cp.body();
          }
          return Optional.of(seen);
        });
  }

  private Replica writer() throws Exception {
    return Poll.until(
        PATIENCE,
        () -> "one replica is the writer",
        () -> replicas.stream().filter(Replica::isWriter).findFirst());
  }

  private Replica any() {
    List<Replica> alive = replicas.stream().filter(r -> r.server != null).toList();
    return alive.get(next++ % alive.size());
  }

  private static String body(String domain) throws Exception {
    return JSON.writeValueAsString(
        Map.of(
            "action",
            "block",
            "domains",
            List.of(domain),
            "legalBasis",
            "ccp-39bis",
            "caseReference",
            "replica-test"));
  }

  private HttpRequest.Builder request(Replica r, String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** The answer, or empty if the connection failed (the replica was killed, say). */
  private Optional<HttpResponse<String>> post(Replica r, String path, String token, String json)
      throws InterruptedException {
    try {
      return Optional.of(
          client.send(
              request(r, path, token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(Replica r, String path, String token) throws Exception {
    return client.send(
        request(r, path, token).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** One {@code serve} process with its data directory and fixed API port. */
  private final class Replica {
    final Path data;
    final Path config;
    final int port;
    JarProcess.Server server;

    Replica(Postgres pg, int index) throws Exception {
      this.data = dir.resolve("replica-" + index);
      this.port = FreePort.tcpAndUdp();
      this.config =
          Files.writeString(
              dir.resolve("replica-" + index + ".yaml"),
              TestServer.DEFAULT_YAML
                  + pg.storeYaml(url)
                  + "cluster: { advertise: \"http://127.0.0.1:"
                  + port
                  + "\", failoverSeconds: "
                  + FAILOVER_SECONDS
                  + " }\n");
    }

    void copyKeyFrom(Replica first) throws IOException {
      Files.createDirectories(
          data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      for (String f : List.of(KeyFiles.PRIVATE_KEY_FILE, KeyFiles.PUBLIC_KEY_FILE)) {
        Files.copy(
            first.data.resolve(f),
            data.resolve(f),
            StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING);
      }
    }

    void start() throws Exception {
      server = JarProcess.serve(config, data, port);
    }

    void kill9() throws Exception {
      server.kill9();
      server.close();
      server = null;
    }

    boolean isWriter() {
      if (server == null) {
        return false;
      }
      try {
        return "writer".equals(json(get(this, "/healthz", null)).get("role").asText());
      } catch (Exception e) {
        return false;
      }
    }

    void stop() throws Exception {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
