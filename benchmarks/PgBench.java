import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replica lag: the time from an approval acknowledged by the writer to the same version served by
 * another replica. JDK only.
 *
 * <pre>
 * java benchmarks/PgBench.java lag --writer URL --replica URL --police T --prosecutor T --isp T --count N [--seed S]
 * </pre>
 *
 * <p>Each iteration: submit a one-domain block on the writer (not timed); open a long-poll {@code
 * GET /v1/delta?from=V&wait=30} on the other replica (V its latest version), which answers as soon
 * as that replica has applied, verified and swapped in version V+1; approve on the writer; the lag
 * is the time from the writer's 200 arriving to the replica's delta arriving (both seen by this
 * client, on loopback; a negative value, the replica being faster than the writer's answer, counts
 * as 0). Percentiles are nearest-rank over the N samples.
 */
public final class PgBench {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*(\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public static void main(String[] argv) throws Exception {
    if (argv.length < 1 || !argv[0].equals("lag")) {
      System.err.println("usage: java benchmarks/PgBench.java lag --writer URL --replica URL ...");
      System.exit(2);
    }
    String writer = arg(argv, "--writer");
    String replica = arg(argv, "--replica");
    String police = arg(argv, "--police");
    String prosecutor = arg(argv, "--prosecutor");
    String isp = arg(argv, "--isp");
    int count = Integer.parseInt(arg(argv, "--count"));
    String seed = argOr(argv, "--seed", "1");
    List<Double> lags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"action\":\"block\",\"domains\":[\"lag-"
              + seed
              + "x"
              + i
              + ".example\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"bench\"}";
      HttpResponse<String> s = send(writer, "POST", "/v1/requisitions", police, body);
      check(s, 201);
      long id = Long.parseLong(find(ID, s.body()));
      long latest = Long.parseLong(find(TO, send(replica, "GET", "/v1/delta?from=0", isp, null).body()));
      long[] seenAt = new long[1];
      CompletableFuture<HttpResponse<String>> parked =
          HTTP.sendAsync(
                  request(replica, "GET", "/v1/delta?from=" + latest + "&wait=30", isp, null),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .whenComplete((r, e) -> seenAt[0] = System.nanoTime());
      HttpResponse<String> a =
          send(writer, "POST", "/v1/requisitions/" + id + "/approve", prosecutor, "{}");
      long ackAt = System.nanoTime();
      check(a, 200);
      HttpResponse<String> d = parked.join();
      check(d, 200);
      if (Long.parseLong(find(TO, d.body())) != latest + 1) {
        throw new IllegalStateException("the replica answered " + d.body().substring(0, 80));
      }
      lags.add(Math.max(0, seenAt[0] - ackAt) / 1e6);
    }
    List<Double> sorted = new ArrayList<>(lags);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "replica lag over %d approvals: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        count,
        rank(sorted, 0.50),
        rank(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, double p) {
    int k = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, k - 1));
  }

  private static HttpRequest request(String base, String method, String path, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static HttpResponse<String> send(
      String base, String method, String path, String token, String body) throws Exception {
    return HTTP.send(
        request(base, method, path, token, body),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void check(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
    }
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(p + " not in " + text);
    }
    return m.group(1);
  }

  private static String arg(String[] argv, String name) {
    String v = argOr(argv, name, null);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }

  private static String argOr(String[] argv, String name, String otherwise) {
    for (int i = 1; i + 1 < argv.length; i++) {
      if (argv[i].equals(name)) {
        return argv[i + 1];
      }
    }
    return otherwise;
  }
}
