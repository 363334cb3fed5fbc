package org.blocklist.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigLoader;
import org.blocklist.ledger.Principals;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.service.Service;
import org.blocklist.store.JdbcStore;
import org.blocklist.store.Stores;

/**
 * The real service on an ephemeral loopback port over a data directory of the test's, with a JDK
 * {@link HttpClient}. Principals are added straight in the store, as the command line does, so
 * every test also shows that a running server accepts such tokens at once.
 */
public final class TestServer implements AutoCloseable {
  /** Rate limits off, so that tests measure behaviour, not throttling. */
  public static final String DEFAULT_YAML =
      """
      http: { port: 0 }
      stopPage: { port: 0, requestsPerSecondPerAddress: 0 }
      dns: { port: 0, queriesPerSecondPerAddress: 0 }
      limits:
        requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0, hotline: 0 }
        requestsPerSecondPerAddress: 0
      appeals: { perAddressPerHour: 0 }
      """;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path data;
  private final Config config;
  private final Service service;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  private TestServer(Path data, Config config, Service service) {
    this.data = data;
    this.config = config;
    this.service = service;
  }

  public static TestServer start(Path data) throws Exception {
    return start(data, DEFAULT_YAML);
  }

  /** Starts with {@code yaml} over the defaults; {@code data} is set to the given directory. */
  public static TestServer start(Path data, String yaml) throws Exception {
    Config config = config(data, yaml);
    return new TestServer(
        data, config, Service.start(config, Clock.systemUTC(), new SecureRandom()));
  }

  /** As {@link #start(Path, String)}, with the service's time read from {@code ticker}. */
  public static TestServer start(Path data, String yaml, Ticker ticker) throws Exception {
    Config config = config(data, yaml);
    return new TestServer(
        data, config, Service.start(config, Clock.systemUTC(), new SecureRandom(), ticker));
  }

  /** As {@link #start(Path, String)}, with the service's clock {@code clock} (a test moves it). */
  public static TestServer start(Path data, String yaml, Clock clock) throws Exception {
    Config config = config(data, yaml);
    return new TestServer(data, config, Service.start(config, clock, new SecureRandom()));
  }

  /**
   * The system property that runs every test of this fixture on another store: {@code postgresql}
   * starts each server on a fresh database of the shared {@link Postgres} (the same one for a
   * restart over the same data directory).
   */
  public static final String STORE_PROPERTY = "blocklist.test.store";

  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

  public static Config config(Path data, String yaml) throws Exception {
    Files.createDirectories(data);
    Path file = Files.createTempFile(data.getParent(), "config", ".yaml");
    String text = yaml;
    if ("postgresql".equals(System.getProperty(STORE_PROPERTY)) && !yaml.contains("store:")) {
      Postgres pg = Postgres.shared();
      String url = DATABASES.get(data.toAbsolutePath());
      if (url == null) {
        url = pg.newDatabase();
        DATABASES.put(data.toAbsolutePath(), url);
      }
      text = yaml + (yaml.endsWith("\n") ? "" : "\n") + pg.storeYaml(url);
    }
    Files.writeString(file, text);
    return new ConfigLoader().load(file).withData(data);
  }

  /** The store of {@code config}, opened as the command line opens it. */
  public static JdbcStore openStore(Config config) throws Exception {
    Config.Store s = config.store();
    return JdbcStore.open(
        Stores.open(s.kind(), config.data(), s.url(), s.user(), s.passwordFile()));
  }

  public Service service() {
    return service;
  }

  public Path data() {
    return data;
  }

  public Config config() {
    return config;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + service.httpPort() + pathAndQuery);
  }

  /**
   * A plain JDBC connection to this server's store, SQLite file or PostgreSQL database, as an
   * operator's {@code sqlite3} or {@code psql} would open it.
   */
  public java.sql.Connection sql() throws Exception {
    Config.Store s = config.store();
    if (s.postgresql()) {
      return Postgres.shared().connectUrl(s.url());
    }
    return java.sql.DriverManager.getConnection(
        "jdbc:sqlite:" + data.resolve(org.blocklist.store.Database.FILE_NAME));
  }

  /** Adds a principal as {@code principal add} does, and returns its token. */
  public String addPrincipal(String name, Role role) throws Exception {
    try (JdbcStore store = openStore(config)) {
      return Principals.add(
          store,
          new Principal(name, role),
          "cli:test",
          Clock.systemUTC().instant(),
          new SecureRandom());
    }
  }

  public HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    return send(request(path, token).GET());
  }

  public HttpResponse<String> post(String path, String token, String json)
      throws IOException, InterruptedException {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> delete(String path, String token)
      throws IOException, InterruptedException {
    return send(request(path, token).DELETE());
  }

  public HttpResponse<String> send(HttpRequest.Builder builder)
      throws IOException, InterruptedException {
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  @Override
  public void close() {
    service.close();
  }
}
