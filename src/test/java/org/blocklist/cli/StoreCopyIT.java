package org.blocklist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.Postgres;
import org.blocklist.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store copy --from DIR --to JDBC-URL} with the real jar (DESIGN.md, "Command line"): a
 * SQLite history moves to PostgreSQL, verified; the service then serves the same signed checkpoint
 * from PostgreSQL; {@code principal add --config} works on the shared database; a copy into a
 * database that holds rows is refused.
 */
class StoreCopyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  @Test
  void copy_ofASqliteHistory_verifies_andIsServedFromPostgresql() throws Exception {
    Postgres pg = Postgres.shared();
    Path data = dir.resolve("data");
    Path sqliteConfig = Files.writeString(dir.resolve("sqlite.yaml"), TestServer.DEFAULT_YAML);
    String checkpoint;
    try (JarProcess.Server server = JarProcess.serve(sqliteConfig, data)) {
      String police = add("--data", data.toString(), "police", "officer-1");
      String prosecutor = add("--data", data.toString(), "prosecutor", "magistrate-1");
      for (String name : new String[] {"one.example", "two.example"}) {
        HttpResponse<String> r =
            post(server.port(), "/v1/requisitions", police, Blocklist.body("block", name));
        assertEquals(201, r.statusCode(), r.body());
        long id = JSON.readTree(r.body()).get("id").asLong();
        r = post(server.port(), "/v1/requisitions/" + id + "/approve", prosecutor, "{}");
        assertEquals(200, r.statusCode(), r.body());
      }
      checkpoint = get(server.port(), "/v1/checkpoint").body();
    }
    String url = pg.newDatabase();
    JarProcess.Result copy =
        JarProcess.run(
            "store",
            "copy",
            "--from",
            data.toString(),
            "--to",
            url,
            "--user",
            Postgres.USER,
            "--password-file",
            pg.passwordFile().toString());
    assertEquals(0, copy.status(), copy.stdout() + copy.stderr());
    assertTrue(copy.stdout().contains("verifies: version 2"), copy.stdout());

    Path pgConfig =
        Files.writeString(dir.resolve("pg.yaml"), TestServer.DEFAULT_YAML + pg.storeYaml(url));
    add("--config", pgConfig.toString(), "auditor", "auditor-1");
    try (JarProcess.Server server = JarProcess.serve(pgConfig, data)) {
      assertEquals(checkpoint, get(server.port(), "/v1/checkpoint").body());
    }

    JarProcess.Result again =
        JarProcess.run(
            "store",
            "copy",
            "--from",
            data.toString(),
            "--to",
            url,
            "--user",
            Postgres.USER,
            "--password-file",
            pg.passwordFile().toString());
    assertEquals(1, again.status());
    assertTrue(again.stderr().contains("is not empty"), again.stderr());
  }

  private static String add(String how, String where, String role, String name) throws Exception {
    JarProcess.Result r =
        JarProcess.run("principal", "add", how, where, "--role", role, "--name", name);
    assertEquals(0, r.status(), r.stderr());
    return r.lastLine();
  }

  private HttpResponse<String> post(int port, String path, String token, String json)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
