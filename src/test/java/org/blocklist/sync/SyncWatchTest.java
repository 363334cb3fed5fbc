package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent watching: long-polls woken by approvals, alarms and backoff on failures, the stale
 * alarm of a frozen feed, and the Prometheus series that show it all. Pauses move the test's clock;
 * only the long-polls take real time (at most {@code SyncHarness.LIMITS.pollWait()}).
 */
class SyncWatchTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir Path dir;
  private SyncHarness h;
  private SyncAgent agent;
  private Thread watcher;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    h = SyncHarness.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.stop();
      watcher.join(WITHIN.toMillis());
      assertFalse(watcher.isAlive(), "the agent stopped");
      agent.close();
    }
    h.close();
  }

  private void watch() throws Exception {
    SyncSettings s = h.settings(OutputFormat.TEXT, false);
    agent =
        h.open(
            new SyncSettings(
                s.server(),
                s.token(),
                s.trust(),
                s.state(),
                s.format(),
                s.out(),
                false,
                s.maxAge(),
                s.onChange(),
                Optional.of(new InetSocketAddress("127.0.0.1", 0)),
                s.zone()));
    watcher = new Thread(agent::watch, "test-watcher");
    watcher.start();
  }

  @Test
  void watch_appliesEachApproval_wokenByTheLongPoll() throws Exception {
    watch();
    List<String> names = List.of("a.example", "b.example", "c.example");
    for (int i = 0; i < names.size(); i++) {
      h.bl.publish("block", names.get(i));
      byte[] snapshot = h.snapshot();
      double applied = i + 1;
      SyncHarness.await(
          () ->
              java.security.MessageDigest.isEqual(snapshot, read(h.out(OutputFormat.TEXT)))
                  && value(scrape(), "blocklist_sync_applied_total") == applied,
          WITHIN,
          "applied " + names.get(i));
    }
    String metrics = scrape();
    assertEquals(3.0, value(metrics, "blocklist_sync_verified_version"));
    assertEquals(3.0, value(metrics, "blocklist_sync_applied_total"));
    assertEquals(3.0, value(metrics, "blocklist_sync_entries"));
    assertEquals(0.0, value(metrics, "blocklist_sync_stale"));
    assertTrue(
        h.proxy.requests().contains("/v1/delta?from=3&wait=1"), h.proxy.requests().toString());
  }

  @Test
  void watch_failures_areAlarmed_andRetriedWithGrowingJitteredPauses() throws Exception {
    h.bl.publish("block", "a.example");
    AtomicInteger failed = new AtomicInteger();
    h.tamper(
        (path, answer) ->
            failed.incrementAndGet() <= 4 ? answer.withStatus(500).withBody(new byte[0]) : answer);
    watch();
    byte[] snapshot = h.snapshot();
    SyncHarness.await(
        () -> java.security.MessageDigest.isEqual(snapshot, read(h.out(OutputFormat.TEXT))),
        WITHIN,
        "applied");
    List<Duration> backoff = h.pauses.subList(0, 4);
    for (int i = 0; i < 4; i++) {
      long ceiling = 1000L << i;
      long ms = backoff.get(i).toMillis();
      assertTrue(ms >= ceiling / 2 && ms <= ceiling, "pause " + i + ": " + ms + " ms");
    }
    assertEquals(4.0, value(scrape(), "blocklist_sync_failures_total\\{reason=\"status\"}"));
  }

  @Test
  void watch_aFrozenFeed_raisesTheStaleAlarm_untilACheckpointVerifiesAgain() throws Exception {
    h.bl.publish("block", "a.example"); // so that no request is held as a long-poll
    h.tamper(
        (path, answer) ->
            answer.withBody(java.util.Arrays.copyOf(answer.body(), answer.body().length / 2)));
    watch();
    SyncHarness.await(() -> value(scrape(), "blocklist_sync_stale") == 1.0, WITHIN, "stale");
    String metrics = scrape();
    assertTrue(value(metrics, "blocklist_sync_checkpoint_age_seconds") > 900, metrics);
    assertTrue(value(metrics, "blocklist_sync_failures_total\\{reason=\"malformed\"}") >= 10);
    assertTrue(h.pauses.stream().allMatch(p -> p.compareTo(Duration.ofSeconds(60)) <= 0));
    h.passThrough();
    SyncHarness.await(() -> value(scrape(), "blocklist_sync_stale") == 0.0, WITHIN, "fresh again");
    assertTrue(value(scrape(), "blocklist_sync_checkpoint_age_seconds") < 60);
  }

  @Test
  void metrics_otherPathsAre404() throws Exception {
    watch();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.metricsPort() + "/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
  }

  private String scrape() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + agent.metricsPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, r.statusCode());
      return r.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError(series + " not in:\n" + metrics);
    }
    return Double.parseDouble(m.group(2));
  }

  private static byte[] read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllBytes(file) : new byte[] {-1};
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
