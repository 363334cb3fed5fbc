package org.blocklist.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.blocklist.testing.Blocklist;
import org.blocklist.testing.TamperingProxy;
import org.blocklist.testing.TamperingProxy.Answer;

/**
 * The real server with an ISP principal, the shared tampering proxy in front of it, the trust file
 * as an ISP writes it from {@code /v1/keys}, a state directory, and an environment whose clock the
 * test moves: pauses advance it and are recorded instead of slept.
 */
final class SyncHarness implements AutoCloseable {
  /** Small limits, so that tests of slow and endless answers end quickly. */
  static final SyncLimits LIMITS =
      new SyncLimits(
          1 << 20,
          100_000,
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofSeconds(5));

  final Path dir;
  Blocklist bl;
  TamperingProxy proxy;
  final Path trust;
  final Path state;
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  private SyncHarness(Path dir, Blocklist bl) throws Exception {
    this.dir = dir;
    this.bl = bl;
    this.proxy = TamperingProxy.start(bl.server.uri(""));
    this.trust = dir.resolve("trust.key");
    Files.writeString(
        trust, Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText() + "\n");
    this.state = dir.resolve("state");
  }

  static SyncHarness start(Path dir) throws Exception {
    return new SyncHarness(dir, Blocklist.start(dir.resolve("data")));
  }

  /** Rewrites every answer with {@code change}, given the request's path (no query). */
  void tamper(java.util.function.BiFunction<String, Answer, Answer> change) {
    proxy.clear();
    proxy.rewrite((request, answer) -> change.apply(request.path(), answer));
  }

  /** Passes every answer through again. */
  void passThrough() {
    proxy.clear();
  }

  /**
   * A new proxy in front of {@code server} (a restarted or forked one); settings made after this
   * name it.
   */
  void upstream(java.net.URI server) throws Exception {
    proxy.close();
    proxy = TamperingProxy.start(server);
  }

  SyncSettings settings(OutputFormat format, boolean once) {
    return settings(format, once, Optional.empty());
  }

  SyncSettings settings(OutputFormat format, boolean once, Optional<String> onChange) {
    return new SyncSettings(
        proxy.uri(),
        bl.isp,
        trust,
        state,
        format,
        SyncSettings.defaultOut(state, format),
        once,
        SyncSettings.DEFAULT_MAX_AGE,
        onChange,
        Optional.empty(),
        SyncSettings.defaultZone());
  }

  SyncEnvironment env() {
    return new SyncEnvironment(
        clock,
        new Random(7),
        (d, stop) -> {
          pauses.add(d);
          clock.advance(d);
          return stop.getCount() > 0;
        },
        LIMITS);
  }

  SyncAgent open(SyncSettings settings) throws SyncStartException {
    return SyncAgent.open(settings, env());
  }

  /** Opens an agent, makes one attempt, closes it. */
  SyncAgent.Result once(SyncSettings settings) throws SyncStartException {
    try (SyncAgent agent = open(settings)) {
      return agent.once();
    }
  }

  /** {@code GET /v1/snapshot} as an ISP sees it. */
  byte[] snapshot() throws Exception {
    HttpResponse<String> r = bl.server.get("/v1/snapshot", bl.isp);
    assertEquals(200, r.statusCode());
    return r.body().getBytes(StandardCharsets.US_ASCII);
  }

  Path out(OutputFormat format) {
    return SyncSettings.defaultOut(state, format);
  }

  /** Waits for {@code condition}, checking every 10 ms, at most {@code timeout}. */
  static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      LockSupport.parkNanos(10_000_000);
    }
  }

  @Override
  public void close() throws Exception {
    proxy.close();
    bl.close();
  }
}
