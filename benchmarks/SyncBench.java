import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sync agent latency: the time from an approval returning to a watching agent having renamed its
 * new output file into place. Single-file Java 17 program, JDK only; run by
 * {@code benchmarks/run-sync-bench.sh}, or by hand against a running server and agent:
 *
 * <pre>
 * java benchmarks/SyncBench.java --url http://127.0.0.1:8080 --police T --prosecutor T \
 *     --watch /var/lib/blocklist-sync/blocklist.txt --count 50 --warmup 5 --rounds 3 [--seed S]
 * </pre>
 *
 * <p>Each iteration submits a one-name block requisition (not timed), then times {@code POST
 * /v1/requisitions/{id}/approve} (t0 to t1, the last byte of its answer) and waits for the
 * inotify event (the JDK's {@link WatchService}) of the agent's rename onto {@code --watch}
 * (t2). It prints t2 - t1 per round (p50, p99 nearest rank, max) and the approval times. The next
 * approval starts only after the rename, so every version is applied on its own.
 */
public final class SyncBench {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String url;
  private final String police;
  private final String prosecutor;

  private SyncBench(String url, String police, String prosecutor) {
    this.url = url;
    this.police = police;
    this.prosecutor = prosecutor;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    SyncBench bench = new SyncBench(a.get("--url"), a.get("--police"), a.get("--prosecutor"));
    Path watch = Path.of(a.get("--watch")).toAbsolutePath();
    int count = Integer.parseInt(a.getOrDefault("--count", "50"));
    int warmup = Integer.parseInt(a.getOrDefault("--warmup", "5"));
    int rounds = Integer.parseInt(a.getOrDefault("--rounds", "3"));
    long seed = Long.parseLong(a.getOrDefault("--seed", "20261203"));
    bench.run(watch, count, warmup, rounds, seed);
  }

  private void run(Path watch, int count, int warmup, int rounds, long seed) throws Exception {
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      watch.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      int serial = 0;
      for (int i = 0; i < warmup; i++) {
        once(watcher, watch, "syncbench-w" + seed + "x" + serial++ + ".example");
      }
      System.out.println(
          "| round | approvals | rename after approval p50 | p99 | max | approval p50 | approval p99 |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      double[][] summary = new double[rounds][];
      for (int r = 0; r < rounds; r++) {
        long[] lag = new long[count];
        long[] approve = new long[count];
        for (int i = 0; i < count; i++) {
          long[] t = once(watcher, watch, "syncbench-" + seed + "x" + serial++ + ".example");
          approve[i] = t[0];
          lag[i] = t[1];
        }
        Arrays.sort(lag);
        Arrays.sort(approve);
        summary[r] =
            new double[] {ms(pct(lag, 50)), ms(pct(lag, 99)), ms(lag[count - 1]), ms(pct(approve, 50)), ms(pct(approve, 99))};
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
            r + 1,
            count,
            summary[r][0],
            summary[r][1],
            summary[r][2],
            summary[r][3],
            summary[r][4]);
      }
      double[] median = new double[5];
      for (int c = 0; c < 5; c++) {
        double[] column = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          column[r] = summary[r][c];
        }
        Arrays.sort(column);
        median[c] = rounds % 2 == 1 ? column[rounds / 2] : (column[rounds / 2 - 1] + column[rounds / 2]) / 2;
      }
      System.out.printf(
          Locale.ROOT,
          "| **median** | | **%.1f ms** | **%.1f ms** | %.1f ms | %.1f ms | %.1f ms |%n",
          median[0],
          median[1],
          median[2],
          median[3],
          median[4]);
    }
  }

  /** One approval; returns {approval nanos, rename-after-approval nanos}. */
  private long[] once(WatchService watcher, Path watch, String name) throws Exception {
    long id = submit(name);
    drain(watcher);
    long t0 = System.nanoTime();
    post("/v1/requisitions/" + id + "/approve", prosecutor, "{\"note\":\"bench\"}");
    long t1 = System.nanoTime();
    long deadline = t1 + TIMEOUT.toNanos();
    while (true) {
      WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (key == null) {
        throw new IllegalStateException("no rename of " + watch + " within " + TIMEOUT);
      }
      long t2 = System.nanoTime();
      boolean renamed = false;
      for (WatchEvent<?> e : key.pollEvents()) {
        renamed |= watch.getFileName().equals(e.context());
      }
      key.reset();
      if (renamed) {
        return new long[] {t1 - t0, t2 - t1};
      }
    }
  }

  private static void drain(WatchService watcher) {
    for (WatchKey key; (key = watcher.poll()) != null; ) {
      key.pollEvents();
      key.reset();
    }
  }

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  private long submit(String name) throws Exception {
    String body =
        "{\"action\":\"block\",\"domains\":[\""
            + name
            + "\"],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"SYNC-BENCH\"}";
    Matcher m = ID.matcher(post("/v1/requisitions", police, body));
    if (!m.find()) {
      throw new IllegalStateException("no id in the submission's answer");
    }
    return Long.parseLong(m.group(1));
  }

  private String post(String path, String token, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static long pct(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
