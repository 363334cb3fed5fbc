import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.blocklist.config.Config;
import org.blocklist.config.ConfigLoader;
import org.blocklist.ledger.Ledger;
import org.blocklist.principal.Principal;
import org.blocklist.principal.Role;
import org.blocklist.requisition.Action;
import org.blocklist.requisition.LegalBasis;
import org.blocklist.requisition.Submission;
import org.blocklist.service.Service;

/**
 * Accountability benchmark (issue 13), the real service in this process on a wall clock it moves:
 *
 * <ol>
 *   <li>{@code GET /v1/transparency} on a history of {@code --entries} entries in {@code
 *       --versions} versions (the first {@code --bulk} versions carry the entries, the others one
 *       name each), spread over {@code --months} months, with reports and appeals: time (median,
 *       p90 of {@code --runs} calls from the JDK client) and bytes;
 *   <li>then the clock jumps past {@code review.days} (set to the history's span plus a month, so
 *       nothing falls due while it is built), so every entry is due at once, and the
 *       writer's expiry removes them {@code review.expiryBatch} per version while a driver approves
 *       one-name blocks back to back: the expiry's total time and versions, and the approvals'
 *       latency meanwhile (against the same driver before the jump).
 * </ol>
 *
 * <p>Run with {@code benchmarks/run-accountability-bench.sh} (it builds the classpath).
 */
public final class AccountabilityBench {
  /** Approvals made during the expiry: entries that are not due. */
  static final java.util.concurrent.atomic.AtomicInteger DONE =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A UTC clock that runs with the system clock from an offset the benchmark moves. */
  static final class MovedClock extends Clock {
    final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
      return Clock.systemUTC().instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  public static void main(String[] args) throws Exception {
    int entries = intArg(args, "--entries", 1_000_000);
    int versions = intArg(args, "--versions", 10_000);
    int bulk = intArg(args, "--bulk", 100);
    int months = intArg(args, "--months", 24);
    int runs = intArg(args, "--runs", 21);
    int batch = intArg(args, "--expiry-batch", 10_000);
    // the first `due` entries are approved two days before the rest, so the jump makes only them due
    int due = intArg(args, "--due", 100_000);
    // nothing falls due while the history is built over `months` months; then all at once
    int reviewDays = 30 * months + 30;
    Path dir = Files.createTempDirectory("acct-bench");
    Path yaml = dir.resolve("config.yaml");
    Files.writeString(
        yaml,
        "origin: blocklist.example/bench\n"
            + "http: { port: 0 }\nstopPage: { port: 0 }\ndns: { port: 0 }\n"
            + "review: { days: " + reviewDays + ", checkSeconds: 1, expiryBatch: " + batch + " }\n"
            + "appeals: { perAddressPerHour: 0 }\n"
            + "limits:\n  requisitionDomains: 1000000\n  bodyBytes: 67108864\n"
            + "  writeQueue: 100000\n"
            + "  requestsPerSecond: { police: 0, prosecutor: 0, auditor: 0, admin: 0, isp: 0,"
            + " hotline: 0 }\n  requestsPerSecondPerAddress: 0\n");
    Config config = new ConfigLoader().load(yaml).withData(dir.resolve("data"));
    MovedClock clock = new MovedClock();
    // the history starts `months` months back; the last month is now
    clock.offset.set(Duration.ofDays(-30L * months));
    Principal police = new Principal("bench-police", Role.POLICE);
    Principal prosecutor = new Principal("bench-prosecutor", Role.PROSECUTOR);
    try (Service service = Service.start(config, clock, new SecureRandom())) {
      Ledger ledger = service.ledger();
      long t0 = System.nanoTime();
      int perBulk = (entries - (versions - bulk)) / bulk;
      int n = 0;
      int perMonth = Math.max(1, versions / months);
      for (int v = 1; v <= versions; v++) {
        int size = v <= bulk ? perBulk : 1;
        List<String> names = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          names.add("n" + (n++) + ".bench.example");
        }
        boolean crossed = n - size < due && n >= due;
        publish(ledger, police, prosecutor, names);
        if (crossed) {
          clock.offset.updateAndGet(o -> o.plus(Duration.ofDays(2)));
        }
        if (v % perMonth == 0 && clock.offset.get().isNegative()) {
          clock.offset.updateAndGet(o -> o.plus(Duration.ofDays(30)));
          service.desk().appeal("x" + v + ".example", "lawful", "en", "api", null).get();
        }
        if (v % 1000 == 0) {
          System.err.printf(Locale.ROOT, "  %,d versions, %,d entries%n", v, n);
        }
      }
      clock.offset.set(Duration.ZERO);
      System.out.printf(
          Locale.ROOT,
          "history: %,d entries in %,d versions over %d months, built in %.0f s%n",
          service.state().entryCount(),
          service.state().version(),
          months,
          (System.nanoTime() - t0) / 1e9);

      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + service.httpPort() + "/v1/transparency");
      List<Double> ms = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < runs + 3; i++) {
        long s = System.nanoTime();
        HttpResponse<byte[]> r =
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        double took = (System.nanoTime() - s) / 1e6;
        if (r.statusCode() != 200) {
          throw new IllegalStateException("transparency: " + r.statusCode());
        }
        bytes = r.body().length;
        if (i >= 3) {
          ms.add(took);
        }
      }
      Collections.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "GET /v1/transparency: median %.1f ms, p90 %.1f ms, max %.1f ms over %d calls (3 warm-up"
              + " calls not counted); %,d bytes%n",
          ms.get(ms.size() / 2),
          ms.get((int) Math.ceil(ms.size() * 0.9) - 1),
          ms.get(ms.size() - 1),
          ms.size(),
          bytes);

      // approval latency before the jump (baseline), then during the expiry
      List<Double> before = approvals(ledger, police, prosecutor, 30, "b", null);
      long startVersion = service.state().version();
      int total = service.state().entryCount();
      int toExpire = Math.min(due, total);
      AtomicBoolean expiring = new AtomicBoolean(true);
      long e0 = System.nanoTime();
      // the first entries were approved 30 * months days back; one day past their review date
      clock.offset.set(Duration.ofDays(reviewDays - 30L * months + 1));
      Thread watcher =
          new Thread(
              () -> {
                while (service.state().entryCount() > total - toExpire + DONE.get()
                    && expiring.get()) {
                  java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                expiring.set(false);
              });
      watcher.start();
      List<Double> during = approvals(ledger, police, prosecutor, 10_000, "d", expiring);
      watcher.join();
      double expirySeconds = (System.nanoTime() - e0) / 1e9;
      long endVersion = service.state().version();
      System.out.printf(
          Locale.ROOT,
          "expiry of %,d of %,d entries due at once: %.1f s from the clock jump until they were"
              + " all removed"
              + " (next check within review.checkSeconds=1 s), %,d versions in that time (batch"
              + " %,d; %,d of them the approvals below)%n",
          toExpire,
          total,
          expirySeconds,
          endVersion - startVersion,
          batch,
          during.size());
      print("approval latency before the jump", before);
      print("approval latency during the expiry", during);
    }
  }

  /**
   * One-name block approvals back to back, each timed from the approve call to its result; until
   * {@code until} turns false, or {@code max} of them. Approvals made during the expiry are of
   * names approved after the jump, so they are not due themselves.
   */
  static List<Double> approvals(
      Ledger ledger,
      Principal police,
      Principal prosecutor,
      int max,
      String tag,
      AtomicBoolean until)
      throws Exception {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < max && (until == null || until.get()); i++) {
      long id =
          ledger
              .submit(
                  police,
                  new Submission(
                      Action.BLOCK,
                      List.of("a" + tag + i + ".bench.example"),
                      LegalBasis.CCP_39BIS,
                      "bench",
                      null))
              .get()
              .requisition()
              .id();
      long s = System.nanoTime();
      ledger.approve(prosecutor, id, null).get();
      out.add((System.nanoTime() - s) / 1e6);
      if (until != null) {
        DONE.incrementAndGet();
      }
    }
    return out;
  }

  static void publish(Ledger ledger, Principal police, Principal prosecutor, List<String> names)
      throws Exception {
    long id =
        ledger
            .submit(police, new Submission(Action.BLOCK, names, LegalBasis.CCP_39BIS, "bench", null))
            .get()
            .requisition()
            .id();
    ledger.approve(prosecutor, id, null).get();
  }

  static void print(String what, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    if (s.isEmpty()) {
      System.out.println(what + ": none");
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%s: n %d, median %.1f ms, p99 %.1f ms, max %.1f ms%n",
        what,
        s.size(),
        s.get(s.size() / 2),
        s.get((int) Math.ceil(s.size() * 0.99) - 1),
        s.get(s.size() - 1));
  }

  static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
      }
    }
    return fallback;
  }
}
