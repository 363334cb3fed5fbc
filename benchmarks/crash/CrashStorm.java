import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code kill -9} storm (issue 10, "Crash safety at scale"): the real jar serving, a stream of
 * approvals, and a SIGKILL at a random moment of it, KILLS times; after every restart, each
 * approval acknowledged with 200 must be there (its version's manifest names its requisition), and
 * the versions must be contiguous. The restarted service verifies the whole history (tree,
 * checkpoint signatures, audit chain, rows) before it serves: a restart that does not come up is a
 * failure. Prints the counts and the restart times (launch to a 200 from /healthz), p50 and p99.
 * Only the JDK: it talks HTTP to the server and reads nothing of its code.
 *
 * <pre>
 * java benchmarks/crash/CrashStorm.java --jar target/blocklist.jar [--kills 100] [--entries 10000]
 *     [--seed N] [--max-delay-ms 1500]
 * </pre>
 *
 * Exit status 0 when nothing acknowledged was lost and every check held, 1 otherwise.
 */
public final class CrashStorm {
  private static final Pattern API = Pattern.compile("API:\\s+http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Duration START_LIMIT = Duration.ofSeconds(300);
  private static final String CONFIG =
      """
      http: { port: 0 }
      stopPage: { port: 0, requestsPerSecondPerAddress: 0 }
      limits:
        requisitionDomains: 1000000
        bodyBytes: 67108864
        requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0 }
        requestsPerSecondPerAddress: 0
      """;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Path jar;
  private final Path work;
  private final Path data;
  private final Path config;
  private String police;
  private String prosecutor;

  private record Acknowledged(long version, long requisition) {}

  private CrashStorm(Path jar, Path work) throws IOException {
    this.jar = jar;
    this.work = work;
    this.data = work.resolve("data");
    this.config = Files.writeString(work.resolve("config.yaml"), CONFIG);
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of("target/blocklist.jar");
    int kills = 100;
    int entries = 10_000;
    long seed = System.currentTimeMillis();
    int maxDelayMs = 1500;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--jar" -> jar = Path.of(value);
        case "--kills" -> kills = Integer.parseInt(value);
        case "--entries" -> entries = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--max-delay-ms" -> maxDelayMs = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("blocklist-crash-storm");
    try {
      int status = new CrashStorm(jar, work).run(kills, entries, new Random(seed), maxDelayMs, seed);
      System.exit(status);
    } finally {
      deleteTree(work);
    }
  }

  private int run(int kills, int entries, Random random, int maxDelayMs, long seed)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "== crash storm: %d kills, %d entries preloaded, seed %d, kill within %d ms of the stream%n",
        kills,
        entries,
        seed,
        maxDelayMs);
    police = principal("police", "officer-1");
    prosecutor = principal("prosecutor", "magistrate-1");
    List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<Double> restartSeconds = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Server server = Server.start(jar, config, data);
    if (entries > 0) {
      List<String> names = new ArrayList<>(entries);
      for (int i = 0; i < entries; i++) {
        names.add("preload-" + i + ".example");
      }
      acknowledged.add(approve(server.port, names));
    }
    long interrupted = 0;
    for (int k = 1; k <= kills; k++) {
      AtomicBoolean killed = new AtomicBoolean();
      Server target = server;
      int round = k;
      CompletableFuture<Long> stream =
          CompletableFuture.supplyAsync(
              () -> approvals(target.port, round, killed, acknowledged, failures));
      Thread.sleep(random.nextInt(maxDelayMs + 1));
      killed.set(true);
      server.kill9();
      interrupted += stream.get(60, TimeUnit.SECONDS);
      long launched = System.nanoTime();
      try {
        server = Server.start(jar, config, data);
        awaitHealthy(server.port);
      } catch (IOException | IllegalStateException e) {
        failures.add("restart " + k + " did not serve: " + e.getMessage());
        break;
      }
      restartSeconds.add((System.nanoTime() - launched) / 1e9);
      failures.addAll(check(server.port, acknowledged, k));
      if (k % 10 == 0 || k == kills) {
        System.out.printf(
            Locale.ROOT,
            "%d kills, %d approvals acknowledged, restart p50 %.2f s%n",
            k,
            acknowledged.size(),
            percentile(restartSeconds, 50));
      }
      if (!failures.isEmpty()) {
        break;
      }
    }
    long versions = failures.isEmpty() ? contiguous(server.port, failures) : -1;
    server.kill9();
    System.out.printf(
        Locale.ROOT,
        "kills %d, approvals acknowledged %d, acknowledged approvals lost %d, requests cut by a kill"
            + " %d, versions %d (contiguous from 1: %s)%n",
        restartSeconds.size(),
        acknowledged.size(),
        failures.stream().filter(f -> f.contains("lost")).count(),
        interrupted,
        versions,
        versions >= 0 ? "yes" : "no");
    System.out.printf(
        Locale.ROOT,
        "restart (launch to /healthz 200, history verified before serving): p50 %.2f s, p99 %.2f"
            + " s, max %.2f s%n",
        percentile(restartSeconds, 50),
        percentile(restartSeconds, 99),
        percentile(restartSeconds, 100));
    failures.forEach(f -> System.out.println("FAILED: " + f));
    System.out.println(failures.isEmpty() ? "RESULT ok" : "RESULT failed");
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * Submits and approves one name at a time until the server is killed; every 200 is recorded.
   * Returns 1 if the request in flight at the kill was cut, else 0. An error answer, or a
   * connection failing before the kill, is a failure.
   */
  private long approvals(
      int port, int round, AtomicBoolean killed, List<Acknowledged> out, List<String> failures) {
    for (int i = 0; ; i++) {
      try {
        out.add(approve(port, List.of("k" + round + "-" + i + ".example")));
      } catch (IOException e) {
        if (killed.get()) {
          return 1;
        }
        synchronized (failures) {
          failures.add("round " + round + ": connection failed before the kill: " + e);
        }
        return 0;
      } catch (IllegalStateException e) {
        // an error answer: a server that answered was not yet killed, so this is a failure
        synchronized (failures) {
          failures.add("round " + round + ": " + e.getMessage());
        }
        return 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      if (killed.get()) {
        return 0;
      }
    }
  }

  private Acknowledged approve(int port, List<String> names)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("{\"action\":\"block\",\"domains\":[");
    for (int i = 0; i < names.size(); i++) {
      body.append(i == 0 ? "\"" : ",\"").append(names.get(i)).append('"');
    }
    body.append("],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"STORM-1\"}");
    HttpResponse<String> submitted = post(port, "/v1/requisitions", police, body.toString());
    if (submitted.statusCode() != 201) {
      throw new IllegalStateException("submit: " + submitted.statusCode() + " " + submitted.body());
    }
    long id = number(ID, submitted.body());
    HttpResponse<String> approved =
        post(port, "/v1/requisitions/" + id + "/approve", prosecutor, "{}");
    if (approved.statusCode() != 200) {
      throw new IllegalStateException("approve: " + approved.statusCode() + " " + approved.body());
    }
    return new Acknowledged(number(VERSION, approved.body()), id);
  }

  /** Every acknowledged approval is a version whose manifest names its requisition. */
  private List<String> check(int port, List<Acknowledged> acknowledged, int kill)
      throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    List<Acknowledged> all;
    synchronized (acknowledged) {
      all = List.copyOf(acknowledged);
    }
    // After each restart the approvals of the last round are checked; every 10th restart, all.
    int from = kill % 10 == 0 ? 0 : Math.max(0, all.size() - 200);
    for (Acknowledged a : all.subList(from, all.size())) {
      HttpResponse<String> m = get(port, "/v1/versions/" + a.version());
      if (m.statusCode() != 200 || !m.body().contains("\nrequisition " + a.requisition() + "\n")) {
        failures.add(
            "after kill "
                + kill
                + ": acknowledged version "
                + a.version()
                + " (requisition "
                + a.requisition()
                + ") lost: "
                + m.statusCode());
      }
    }
    return failures;
  }

  /** The number of versions, after checking that versions 1..N are all served, in order. */
  private long contiguous(int port, List<String> failures)
      throws IOException, InterruptedException {
    String checkpoint = get(port, "/v1/checkpoint").body();
    long size = Long.parseLong(checkpoint.split("\n")[1]);
    long expected = 1;
    while (expected <= size) {
      String page = get(port, "/v1/versions?from=" + expected + "&limit=1000").body();
      Matcher m = Pattern.compile("\"version\":(\\d+)").matcher(page);
      boolean any = false;
      while (m.find()) {
        any = true;
        long v = Long.parseLong(m.group(1));
        if (v != expected) {
          failures.add("versions not contiguous: " + v + " where " + expected + " was due");
          return -1;
        }
        expected++;
      }
      if (!any) {
        failures.add("version " + expected + " missing below checkpoint size " + size);
        return -1;
      }
    }
    return size;
  }

  private void awaitHealthy(int port) throws IOException, InterruptedException {
    HttpResponse<String> health = get(port, "/healthz");
    if (health.statusCode() != 200) {
      throw new IllegalStateException("/healthz " + health.statusCode());
    }
  }

  private String principal(String role, String name) throws Exception {
    Process p =
        new ProcessBuilder(
                java(), "-jar", jar.toString(), "principal", "add", "--data", data.toString(),
                "--role", role, "--name", name)
            .redirectErrorStream(true)
            .start();
    List<String> lines = p.inputReader(StandardCharsets.UTF_8).lines().toList();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("principal add: " + lines);
    }
    return lines.get(lines.size() - 1).trim();
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String token, String body)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long number(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in " + body);
    }
    return Long.parseLong(m.group(1));
  }

  private static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The jar serving, its port read from the line it prints; its output drained to a log. */
  private static final class Server {
    final Process process;
    final int port;

    private Server(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Server start(Path jar, Path config, Path data) throws IOException {
      Path log = data.resolveSibling("server.log");
      Process p =
          new ProcessBuilder(
                  java(), "-jar", jar.toString(), "serve", "--config", config.toString(),
                  "--data", data.toString(), "--http-port", "0", "--stop-port", "0")
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      String line;
      StringBuilder seen = new StringBuilder();
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = API.matcher(line);
        if (m.find()) {
          Thread drain =
              new Thread(
                  () -> {
                    try {
                      out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                      // the process was killed
                    }
                  });
          drain.setDaemon(true);
          drain.start();
          Files.writeString(log, seen);
          return new Server(p, Integer.parseInt(m.group(1)));
        }
      }
      p.destroyForcibly();
      throw new IOException("serve did not start:\n" + seen);
    }

    /** SIGKILL (ProcessHandle.destroyForcibly on Linux), then waits for the process to be gone. */
    void kill9() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
